"""The composition board at any size: categories paged, one click redraws one category."""

import re
from contextlib import contextmanager

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from membership.calls.board_views import PAGE, category_page
from membership.calls.composition import build_composition, nominations_drawn
from membership.demo import business_id_for
from membership.kernel.history import record_update
from membership.models import Municipality, Nomination, Organisation, PrhMainClass, Role, SeatCategory
from tests.factories import OrganisationFactory, user_with_role

from .call_factories import CallFactory, NominationFactory, add_seats

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<a href="/fi/nominations/(\d+)/review/"')


def bulk_nominations(call, code: str, count: int, start: int, proposed_every: int = 0) -> None:
    """`count` submitted nominations of new organisations in category `code`, in three queries."""
    category = SeatCategory.objects.get(code=code)
    social = PrhMainClass.objects.get(code="social-health")
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name_fi=f"Massayhdistys {start + n:05d}",
                business_id=business_id_for(8000000 + (start + n) * 7),
                prh_class=social,
                seat_category=category,
            )
            for n in range(count)
        ]
    )
    vantaa = Municipality.objects.get(code="092")
    through = Organisation.municipalities.through
    through.objects.bulk_create([through(organisation=o, municipality=vantaa) for o in organisations])
    Nomination.objects.bulk_create(
        [
            Nomination(
                call=call,
                organisation=o,
                seat_category=category,
                status=Nomination.Status.SUBMITTED,
                representative_name=f"Edustaja {i}",
                representative_email=f"m{start + i}@example.fi",
                representative_role="jäsen",
                representative_capacity="volunteer",
                deputy_name=f"Varajäsen {i}",
                deputy_email=f"mv{start + i}@example.fi",
                motivation="m",
                expertise="e",
                languages="suomi",
                consents_to_processing=True,
                in_proposal=bool(proposed_every) and i % proposed_every == 0,
            )
            for i, o in enumerate(organisations)
        ]
    )


def rows(html: str) -> set[int]:
    return {int(pk) for pk in ROW.findall(html)}


def board_call(others: int, own: list[Organisation], start: int):
    """A call with the same five pensioners' nominations, and `others` in older people's category."""
    call = CallFactory(total_seats=4)
    add_seats(call, ["pensioners", "older-people"], low=1, high=2)
    nominations = [NominationFactory(call=call, organisation=o, representative_name="Sama") for o in own]
    bulk_nominations(call, "older-people", others, start, proposed_every=others)  # one of them proposed
    return call, nominations


def toggle(client, call, nomination, action="add", htmx=True, **extra):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse("membership:proposal_toggle", args=[call.pk])
    return client.post(url, {action: nomination.pk, **extra}, **headers)


def test_one_click_answers_with_its_category_whatever_the_size_of_the_others(staff_client):
    own = [OrganisationFactory(name_fi=f"Eläkeläiset {n} ry") for n in range(5)]
    measured = {}
    for others, start in ((10, 0), (400, 1000)):
        call, nominations = board_call(others, own, start)
        staff_client.get(reverse("membership:composition_board", args=[call.pk]))  # session warm
        with CaptureQueriesContext(connection) as queries:
            response = toggle(staff_client, call, nominations[2])
        assert response.status_code == 200
        html = response.content.decode()
        # Only the pensioners' section and the rule summary (out of band), not the other category.
        assert html.count('class="board-category"') == 1
        assert f'id="board-category-{nominations[0].seat_category_id}"' in html
        assert 'id="board-rules" hx-swap-oob="true"' in html
        assert rows(html) == {n.pk for n in nominations}
        assert "Massayhdistys" not in html.split('id="board-rules"')[0]
        # The rules check still saw every nomination: the total is counted over both categories.
        assert "Esitetty 2 paikkaa" in html
        measured[others] = (len(response.content), len(queries))
    (small_size, small_queries), (large_size, large_queries) = measured[10], measured[400]
    assert large_queries == small_queries, measured
    # Ids of the same rows may be a digit longer in the second call; nothing else may differ.
    assert abs(large_size - small_size) <= 60, measured


def test_board_page_query_count_and_rows_do_not_grow(staff_client):
    own = [OrganisationFactory(name_fi=f"Eläkeläiset {n} ry") for n in range(3)]
    measured = {}
    for others, start in ((25, 0), (400, 1000)):
        call, _nominations = board_call(others, own, start)
        url = reverse("membership:composition_board", args=[call.pk])
        staff_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(url)
        html = response.content.decode()
        # 3 pensioners; older people: the proposed one and the first PAGE others.
        assert len(rows(html)) == 3 + 1 + PAGE
        assert "Näytä 10 lisää" in html
        measured[others] = (len(queries), len(response.content))
    assert measured[25][0] == measured[400][0], measured
    assert abs(measured[25][1] - measured[400][1]) <= 200, measured


@contextmanager
def nominations_built():
    """Counts the Nomination objects made meanwhile: the rows loaded, outlines or in full."""
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance.pk)

    post_init.connect(count, sender=Nomination)
    try:
        yield built
    finally:
        post_init.disconnect(count, sender=Nomination)


def test_the_board_and_a_click_load_no_more_nominations_when_there_are_more(staff_client):
    own = [OrganisationFactory(name_fi=f"Eläkeläiset {n} ry") for n in range(3)]
    measured = {}
    for others, start in ((25, 0), (400, 1000)):
        call, nominations = board_call(others, own, start)
        url = reverse("membership:composition_board", args=[call.pk])
        # The first view of the board computes it; later ones are kept copies (see below).
        with nominations_built() as board:
            staff_client.get(url)
        with nominations_built() as click:
            toggle(staff_client, call, nominations[1])
        measured[others] = (len(board), len(click))
    assert measured[25] == measured[400], measured
    # The board: the proposal (one) for the rules, then the rows drawn: the three pensioners, the
    # proposal and PAGE others of older people. A click draws the pensioners alone.
    assert measured[400][0] == 1 + 3 + 1 + PAGE, measured


def test_show_more_works_as_a_link_and_as_an_htmx_swap(staff_client):
    call, own = board_call(35, [OrganisationFactory()], 0)
    older = SeatCategory.objects.get(code="older-people").pk
    url = reverse("membership:composition_board", args=[call.pk])
    first_page = staff_client.get(url).content.decode()
    link = f'href="{url}?category={older}&amp;shown={2 * PAGE}#category-{older}"'
    assert link in first_page
    # Without JavaScript: the whole board, with that category opened further.
    opened = staff_client.get(url, {"category": older, "shown": 2 * PAGE}).content.decode()
    assert "<h1>" in opened
    assert len(rows(opened)) == 1 + 1 + 2 * PAGE
    assert "näytetään 21 / 35 ehdotusta" in opened
    # htmx: that section alone, which announces what it shows and names the first new row for focus.
    partial = staff_client.get(url, {"category": older, "shown": 2 * PAGE}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<h1>" not in html and html.count('class="board-category"') == 1
    assert "HX-Request" in partial["Vary"]
    assert re.search(r'class="board-shown" data-announce>[^<]*näytetään 21 / 35 ehdotusta', html)
    new_rows = [int(pk) for pk in ROW.findall(html)]
    assert html.count("data-focus-fallback") == 1
    assert re.search(rf'/nominations/{new_rows[1 + PAGE]}/review/" data-focus-fallback', html)
    # The last page has no further link.
    last = staff_client.get(url, {"category": older, "shown": 4 * PAGE}, HTTP_HX_REQUEST="true").content
    assert b'id="more-' not in last and len(rows(last.decode())) == 35


def test_without_javascript_the_click_goes_back_to_the_category_opened_as_far(staff_client):
    call, _own = board_call(25, [OrganisationFactory()], 0)
    older = SeatCategory.objects.get(code="older-people").pk
    late = Nomination.objects.filter(call=call, seat_category_id=older, in_proposal=False).order_by(
        "organisation__name_fi"
    )[22]
    response = toggle(staff_client, call, late, htmx=False, shown=str(2 * PAGE))
    board = reverse("membership:composition_board", args=[call.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{board}?category={older}&shown=20&keep={late.pk}#category-{older}"
    late.refresh_from_db()
    assert late.in_proposal
    response = toggle(staff_client, call, late, action="remove", htmx=False, shown=str(2 * PAGE))
    page = staff_client.get(response["Location"]).content.decode()
    # Out of the proposal and beyond the 20 shown, yet still on the page where it was clicked.
    assert late.pk in rows(page) and f'name="add" value="{late.pk}"' in page


def test_a_double_submit_of_a_toggle_is_harmless(staff_client):
    call, own = board_call(3, [OrganisationFactory(name_fi="Kaksoisklikkaajat ry")], 0)
    nomination = own[0]
    first = toggle(staff_client, call, nomination)
    second = toggle(staff_client, call, nomination)
    assert (first.status_code, second.status_code) == (200, 200)
    assert "Kaksoisklikkaajat ry on lisätty esitykseen." in first.content.decode()
    assert "Kaksoisklikkaajat ry on jo esityksessä." in second.content.decode()
    nomination.refresh_from_db()
    assert nomination.in_proposal
    assert nomination.history.filter(in_proposal=True).count() == 1
    # Both answers draw the same state: one proposed here, one in older people's category.
    assert "Esitetty 2 paikkaa" in second.content.decode()
    assert toggle(staff_client, call, nomination, htmx=False).status_code == 302
    assert nomination.history.filter(in_proposal=True).count() == 1


def test_the_click_announces_the_change_in_the_redrawn_section(staff_client):
    call, own = board_call(3, [OrganisationFactory(name_fi="Ilmoittajat ry")], 0)
    toggle(staff_client, call, own[0])
    html = toggle(staff_client, call, own[0], action="remove").content.decode()
    announce = re.search(r"<p class=\"board-change\" data-announce data-focus-fallback>(.*?)</p>", html, re.S)
    text = re.sub(r"<[^>]+>|\s+", " ", announce.group(1)).split()
    assert " ".join(text).startswith("Ilmoittajat ry on poistettu esityksestä. Esitetty 1 paikka / 4.")
    assert f'id="proposal-{own[0].pk}" name="add"' in html  # the replacement control, same id


@pytest.mark.parametrize(
    "query",
    [
        {"category": "²", "shown": "²"},
        {"category": "9" * 2000, "shown": "9" * 2000},
        {"category": "-1", "shown": "-5", "keep": "x"},
        {"category": "", "shown": "1e9"},
    ],
)
def test_bad_board_parameters_fall_back_to_the_plain_board(staff_client, query):
    call, _own = board_call(3, [OrganisationFactory()], 0)
    url = reverse("membership:composition_board", args=[call.pk])
    assert staff_client.get(url, query).status_code == 200
    assert staff_client.get(url, query, HTTP_HX_REQUEST="true").status_code == 200


@pytest.mark.parametrize("value", ["²", "9" * 2000, "", "abc"])
def test_bad_toggle_values_give_not_found(staff_client, value):
    call, own = board_call(3, [OrganisationFactory()], 0)
    url = reverse("membership:proposal_toggle", args=[call.pk])
    assert staff_client.post(url, {"add": value}, HTTP_HX_REQUEST="true").status_code == 404
    response = staff_client.post(url, {"add": own[0].pk, "shown": value}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200


def test_category_page_keeps_the_proposal_and_the_clicked_row(db):
    call, own = board_call(30, [OrganisationFactory()], 0)
    older = SeatCategory.objects.get(code="older-people").pk
    row = next(r for r in build_composition(call).categories if r.rule.seat_category_id == older)
    in_order = Nomination.objects.filter(call=call, seat_category_id=older).order_by(
        "organisation__name_fi", "pk"
    )
    proposed = [n.pk for n in in_order if n.in_proposal]
    others = [n.pk for n in in_order if not n.in_proposal]
    assert (row.count, [n.pk for n in row.proposed], row.others) == (30, proposed, 29)

    def page(shown=PAGE, keep=None, revealed=False):
        drawn = nominations_drawn(call, {older: shown}, {older: keep} if keep else None)[older]
        return category_page(row, drawn, shown, revealed)

    first = page()
    assert [n.pk for n in first.nominations if n.in_proposal] == proposed
    assert [n.pk for n in first.nominations if not n.in_proposal] == others[:PAGE]
    assert first.hidden == len(others) - PAGE
    kept = page(keep=others[-1])
    assert [n.pk for n in kept.nominations][-1] == others[-1] and kept.hidden == len(others) - PAGE - 1
    assert page(shown=2 * PAGE, revealed=True).revealed == others[PAGE]
    assert [n.pk for n in page(shown=2 * PAGE).nominations if not n.in_proposal] == others[: 2 * PAGE]
    assert page(shown=100).hidden == 0
    # A row of another category is not kept in this one.
    assert own[0].pk not in [n.pk for n in page(keep=own[0].pk).nominations]


def test_a_row_escapes_what_it_shows(staff_client):
    own = [OrganisationFactory(name_fi='Ääni & <b>"Kuulu"</b> ry')]
    call, nominations = board_call(3, own, 0)
    Nomination.objects.filter(pk=nominations[0].pk).update(representative_name="<i>Sama</i>")
    html = staff_client.get(reverse("membership:composition_board", args=[call.pk])).content.decode()
    assert "<b>" not in html and "<i>Sama" not in html
    assert "Ääni &amp; &lt;b&gt;&quot;Kuulu&quot;&lt;/b&gt; ry</a>" in html
    assert '<span class="visually-hidden"> Ääni &amp; &lt;b&gt;' in html and "&lt;i&gt;Sama&lt;/i&gt;" in html


def test_the_kept_board_is_retired_by_every_change_it_shows(staff_client):
    own = [OrganisationFactory(name_fi="Eläkeläiset Kallio ry")]
    call, nominations = board_call(12, own, 0)
    url = reverse("membership:composition_board", args=[call.pk])
    assert rows(staff_client.get(url).content.decode())
    with nominations_built() as kept:
        staff_client.get(url)
    assert kept == []  # the second view is the kept copy
    # A click (a save) retires it: the proposal count and the button change.
    toggle(staff_client, call, nominations[0], htmx=False)
    html = staff_client.get(url).content.decode()
    assert f'name="remove" value="{nominations[0].pk}"' in html
    # A rename of an organisation (another model the board names).
    organisation = Organisation.objects.get(pk=own[0].pk)
    organisation.name_fi = "Eläkeläiset Kallio ja Sörnäinen ry"
    organisation.save()
    assert "Kallio ja Sörnäinen" in staff_client.get(url).content.decode()
    # A set-based UPDATE that writes its history rows (the decision's path) retires it too.
    Nomination.objects.filter(pk=nominations[0].pk).update(status=Nomination.Status.WITHDRAWN)
    record_update(Nomination, [nominations[0].pk], acting_user=None, reason="test")
    assert nominations[0].pk not in rows(staff_client.get(url).content.decode())


def test_each_staff_member_gets_their_own_csrf_token_in_the_kept_board(staff_client):
    call, nominations = board_call(3, [OrganisationFactory()], 0)
    url = reverse("membership:composition_board", args=[call.pk])
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    first = token.findall(staff_client.get(url).content.decode())
    client = Client(enforce_csrf_checks=True)  # another staff member's browser
    client.force_login(user_with_role(Role.STAFF))
    second_page = client.get(url).content.decode()
    second = token.findall(second_page)
    assert first and second and "CSRFTOKENMARK" not in second_page
    # The token works: a plain (no JS) click with it from the kept page is accepted, not a 403.
    answer = client.post(
        reverse("membership:proposal_toggle", args=[call.pk]),
        {"add": nominations[0].pk, "csrfmiddlewaretoken": second[0]},
    )
    assert answer.status_code == 302
    assert Nomination.objects.get(pk=nominations[0].pk).in_proposal
