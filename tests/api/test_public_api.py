"""The open data API: exactly what the public may see, bad input as JSON errors, paging, caching."""

import csv
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from council import services
from council.models import AgendaItem
from membership.kernel.public_cache import invalidate_public_pages
from tests.api.conftest import INSIDER_LINK, SECRETS, UNPUBLISHED_VALUE
from tests.council.factories import make_meeting

API = "/api/v1"


def _get(client, url, **headers):
    return client.get(url, headers=headers)


def _list_urls(client) -> list[str]:
    """Every GET address of the OpenAPI document that needs no path parameter, plus the files."""
    schema = client.get(f"{API}/openapi.json").json()
    urls = [path for path in schema["paths"] if "{" not in path]
    return [*urls, f"{API}/plan/readings.xlsx", f"{API}/decisions/2026.csv", f"{API}/decisions/2026.xlsx"]


def _text_of(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxml"):
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return "\n".join(" ".join(str(c) for c in row) for row in sheet.iter_rows(values_only=True))
    return response.content.decode("utf-8-sig")


def test_no_endpoint_or_file_reveals_non_public_content(public_world, client):
    world = public_world
    answers = {}
    for url in _list_urls(client):
        response = client.get(url)
        assert response.status_code == 200, url
        answers[url] = _text_of(response)
    meeting_ids = [m["id"] for m in json.loads(answers[f"{API}/meetings"])["items"]]
    assert sorted(meeting_ids) == sorted([world.published.pk, world.agenda_only.pk])
    for pk in meeting_ids:
        answers[f"meeting {pk}"] = client.get(f"{API}/meetings/{pk}").content.decode()
    for item in AgendaItem.objects.filter(meeting__in=meeting_ids):
        answers[f"item {item.pk}"] = client.get(f"{API}/items/{item.pk}").content.decode()
    answers["member"] = client.get(f"{API}/members/{world.member.pk}").content.decode()
    for where, body in answers.items():
        for secret in (*SECRETS, INSIDER_LINK, "salainen-liite"):
            assert secret.lower() not in body.lower(), f"{secret} in {where}"
        assert str(UNPUBLISHED_VALUE) not in body, where
        assert "2026-H2" not in body, f"unpublished period in {where}"


def test_withheld_item_is_given_by_its_public_title_only(public_world, client):
    item = client.get(f"{API}/items/{public_world.withheld_item_id}").json()
    assert item["withheld"] is True
    assert item["title"] == "Henkilöstöasia"
    assert item["background"] is None and item["proposal"] is None and item["decision"] is None
    assert item["attachments"] == [] and item["measures"] == []
    public = client.get(f"{API}/items/{public_world.public_item_id}").json()
    assert public["title"] == "Avoin asia"
    assert public["decision"] == "Hyväksyttiin X" and public["resolution"] == "vote"
    assert [a["name"] for a in public["attachments"]] == ["julkinen.pdf"]
    assert len(public["measures"]) == 1


def test_draft_minutes_give_no_decision_and_unpublished_meetings_are_unknown(public_world, client):
    meeting = client.get(f"{API}/meetings/{public_world.agenda_only.pk}").json()
    assert meeting["agenda_published"] and not meeting["minutes_published"]
    assert meeting["minutes"] is None
    assert {item["decision"] for item in meeting["items"]} == {None}
    for hidden in (public_world.sent, public_world.draft):
        response = client.get(f"{API}/meetings/{hidden.pk}")
        assert response.status_code == 404
        assert "detail" in response.json()
        item = hidden.items.first()
        assert client.get(f"{API}/items/{item.pk}").status_code == 404


def test_published_minutes_and_times(public_world, client):
    meeting = client.get(f"{API}/meetings/{public_world.published.pk}").json()
    assert meeting["minutes"]["chair"] == "Puheenjohtaja Pia"
    assert meeting["starts_at"].endswith("Z")
    assert meeting["starts_at_local"].endswith(("+02:00", "+03:00"))
    assert meeting["url"].endswith(f"/fi/council/meetings/{public_world.published.pk}/")


def test_members_have_no_contact_details(public_world, client):
    member = client.get(f"{API}/members/{public_world.member.pk}").json()
    assert member["name"] and member["organisation"]["name"]["fi"]
    assert "email" not in member and "phone" not in member


def test_readings_and_periods_of_published_periods_only(public_world, client):
    readings = client.get(f"{API}/plan/readings").json()["items"]
    assert [(r["period"], r["value"]) for r in readings] == [("2026-H1", "12")]
    assert [p["code"] for p in client.get(f"{API}/plan/periods").json()["items"]] == ["2026-H1"]
    statuses = client.get(f"{API}/plan/statuses").json()["items"]
    assert [(s["period"], s["assessment"]) for s in statuses] == [("2026-H1", "Etenee")]
    measure = readings[0]["measure"]
    assert client.get(f"{API}/plan/readings", {"measure": measure}).json()["items"]
    assert not client.get(f"{API}/plan/readings", {"measure": "99.9"}).json()["items"]


@pytest.mark.parametrize(
    "url, status, words",
    [
        (f"{API}/meetings/999999", 404, "meeting 999999"),
        (f"{API}/meetings/abc", 400, "meeting_id"),
        (f"{API}/meetings/99999999999999999999999", 400, "meeting_id"),
        (f"{API}/items/0", 400, "item_id"),
        (f"{API}/members/424242", 404, "member"),
        (f"{API}/meetings?from=2026-13-01", 400, "from"),
        (f"{API}/members?on=0", 400, "VVVV-KK-PP"),
        (f"{API}/meetings?from=2026-05-01&to=2026-01-01", 400, "from"),
        (f"{API}/meetings?year=abc", 400, "year"),
        (f"{API}/meetings?limit=100000", 400, "limit"),
        (f"{API}/meetings?limit=0", 400, "limit"),
        (f"{API}/meetings?colour=red", 400, "colour"),
        (f"{API}/plan/goals?x=1", 400, "x"),
        (f"{API}/meetings?cursor=not-a-cursor", 400, "`next`"),
        (f"{API}/meetings?cursor=WyJ4IiwgMV0", 400, "`next`"),
        (f"{API}/no-such-thing", 404, "openapi.json"),
        (f"{API}/decisions/2026.pdf", 400, "fmt"),
    ],
)
def test_bad_input_gets_a_json_error_with_the_right_status(db, client, url, status, words):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert words in response.json()["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_error_messages_follow_the_language_asked_for(db, client):
    response = client.get(f"{API}/meetings?colour=red", headers={"Accept-Language": "sv"})
    assert "Okänd" in response.json()["detail"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get_is_allowed(db, client, method):
    response = getattr(client, method)(f"{API}/meetings")
    assert response.status_code == 405
    assert response["Allow"] == "GET, OPTIONS"
    assert "GET" in response.json()["detail"]


def test_cors_preflight_and_headers(db, client):
    preflight = client.options(f"{API}/meetings", headers={"Origin": "https://example.org"})
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    answer = client.get(f"{API}/bodies", headers={"Origin": "https://example.org"})
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in answer["Access-Control-Expose-Headers"]


def test_keyset_pages_cover_every_row_once(public_world, client):
    expected = {item["id"] for item in client.get(f"{API}/items", {"limit": 200}).json()["items"]}
    seen, url, pages = [], f"{API}/items?limit=3", 0
    while url:
        page = client.get(url.removeprefix("http://testserver")).json()
        seen += [item["id"] for item in page["items"]]
        url, pages = page["next"], pages + 1
    assert len(seen) == len(set(seen)) == len(expected) and set(seen) == expected
    assert pages == -(-len(expected) // 3)


def test_filters_by_body_year_dates_and_measure(public_world, client):
    meeting = public_world.published
    day = meeting.starts_at.date().isoformat()
    on_day = client.get(f"{API}/meetings", {"from": day, "to": day}).json()["items"]
    assert [m["id"] for m in on_day] == [meeting.pk]
    assert not client.get(f"{API}/meetings", {"body": "no-such-body"}).json()["items"]
    assert not client.get(f"{API}/meetings", {"year": 2001}).json()["items"]
    measure = public_world.published.items.get(pk=public_world.public_item_id).measures.get()
    items = client.get(f"{API}/items", {"measure": measure.code}).json()["items"]
    assert [i["id"] for i in items] == [public_world.public_item_id]
    decided = client.get(f"{API}/items", {"decided": "true", "limit": 200}).json()["items"]
    assert decided and all(i["decision"] is not None for i in decided)


def test_etag_and_last_modified_give_304(public_world, client):
    first = client.get(f"{API}/meetings")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"].startswith("public")
    again = _get(client, f"{API}/meetings", **{"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    since = _get(client, f"{API}/meetings", **{"If-Modified-Since": modified})
    assert since.status_code == 304


def test_publishing_invalidates_the_cached_answers(public_world, client, django_capture_on_commit_callbacks):
    before = client.get(f"{API}/meetings")
    with CaptureQueriesContext(connection) as cached:
        assert client.get(f"{API}/meetings").content == before.content
    assert len(cached) == 0, "a cached answer reads nothing from the database"
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(public_world.sent)
    after = client.get(f"{API}/meetings", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert public_world.sent.pk in [m["id"] for m in after.json()["items"]]


@override_settings(PUBLIC_API_RATE_LIMIT=3)
def test_rate_limit_answers_429_with_retry_after(db, client):
    for _ in range(3):
        assert client.get(f"{API}/bodies").status_code == 200
    refused = client.get(f"{API}/bodies")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "detail" in refused.json()
    other_ip = client.get(f"{API}/bodies", REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 200


def test_an_unreachable_cache_degrades_to_uncached_answers(
    public_world, client, django_capture_on_commit_callbacks
):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    with override_settings(CACHES=unreachable, PUBLIC_API_RATE_LIMIT=1):
        for _ in range(3):
            response = client.get(f"{API}/meetings")
            assert response.status_code == 200, "no rate limit and no cache, but an answer"
            assert response["ETag"] and "Last-Modified" not in response
        assert client.get(f"{API}/meetings/999999").status_code == 404
        with django_capture_on_commit_callbacks(execute=True):
            invalidate_public_pages()  # publishing must not fail either


def _count(client, url) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_endpoints_keep_a_fixed_query_count_at_two_sizes(public_world, client):
    urls = [u for u in _list_urls(client) if not u.endswith("openapi.json")]
    small = {url: _count(client, url) for url in urls}
    for days in (-60, -90, -120):
        meeting = make_meeting(days=days, items=6)
        services.send_agenda(meeting)
        services.publish_agenda(meeting)
        for item in meeting.items.all()[:3]:
            item.measures.add(
                *public_world.published.items.get(pk=public_world.public_item_id).measures.all()
            )
    large = {url: _count(client, url) for url in urls}
    assert large == small


def test_publishing_a_period_refreshes_the_cached_plan(
    public_world, client, django_capture_on_commit_callbacks
):
    from actionplan import services as plan_services

    assert [p["code"] for p in client.get(f"{API}/plan/periods").json()["items"]] == ["2026-H1"]
    hidden = plan_services.get_period(plan_services.current_plan(), "2026-H2")
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.publish_period(hidden)
    assert [p["code"] for p in client.get(f"{API}/plan/periods").json()["items"]] == ["2026-H1", "2026-H2"]
    assert str(UNPUBLISHED_VALUE) in client.get(f"{API}/plan/readings").content.decode()


def test_files_give_the_public_rows_as_spreadsheets_read_them(public_world, client):
    year = public_world.published.year
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"{API}/decisions/{year}.csv").content.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][:4] == ["date", "body", "number", "title"]
    withheld = [row for row in rows if row[3] == "Henkilöstöasia"]
    assert len(withheld) == 1 and withheld[0][4] == "True" and withheld[0][6] == ""
    response = client.get(f"{API}/plan/readings.xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == [12], "a reading is a number in the spreadsheet, not text"


def test_a_published_item_gives_its_vote_ballots_and_dissents(public_world, client):
    from .conftest import DISSENT_TEXT, VOTE_PROPOSALS

    item = client.get(f"{API}/items/{public_world.public_item_id}").json()
    (vote,) = item["votes"]
    assert (vote["proposal"], vote["yes"], vote["no"], vote["abstained"]) == (VOTE_PROPOSALS, 1, 1, 0)
    assert sorted(b["choice"] for b in vote["ballots"]) == ["against", "for"]
    assert [d["text"] for d in item["dissents"]] == [DISSENT_TEXT]
    withheld = client.get(f"{API}/items/{public_world.withheld_item_id}").json()
    assert withheld["votes"] == [] and withheld["withholding_ground"]
    minutes = client.get(f"{API}/meetings/{public_world.published.pk}").json()["minutes"]
    assert minutes["made_public_on"] == public_world.published.public_from.isoformat()
