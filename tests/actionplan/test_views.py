import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from actionplan import exchange, services
from actionplan.models import Indicator, MeasureStatus, Reading, Status
from actionplan.reminders import send_reading_reminders
from membership.kernel.periods import QUARTER, Period
from membership.models import Role
from tests.factories import user_with_role


@pytest.fixture
def plan(db):
    return services.current_plan()


@pytest.fixture
def staff(db):
    return user_with_role(Role.STAFF)


def _fill(plan, staff, periods):
    indicators = list(Indicator.objects.filter(measure__goal__plan=plan))
    for step, spec in enumerate(periods):
        period = services.ensure_period(plan, spec)
        for indicator in indicators:
            value = (
                "osittain"
                if indicator.is_ordinal
                else str(3 + step % 2 if indicator.kind == "grade" else step)
            )
            services.record_reading(indicator, period, value, acting_user=staff)
        services.set_measure_status(
            indicator.measure, period, Status.AT_RISK, acting_user=staff, override_reason="Testi"
        )


@pytest.mark.parametrize("count", [1, 20])
def test_progress_view_query_budget_is_flat(count, client, plan, staff, django_assert_max_num_queries):
    _fill(plan, staff, Period.all_in(2026, 2030, QUARTER)[:count])
    client.force_login(staff)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("actionplan:progress"))
    assert response.status_code == 200
    assert response.content.count(b"<svg") >= 10


def test_public_sees_only_published_periods(client, plan, staff):
    hidden = services.ensure_period(plan, "2026-Q2")
    indicator = Indicator.objects.get(code="01.1.b")
    services.record_reading(indicator, hidden, "3.7", acting_user=staff)
    page = client.get(reverse("actionplan:progress")).content.decode()
    assert "3.7 / 5" not in page and "2026-Q2" not in page
    services.publish_period(hidden)
    assert "3.7 / 5" in client.get(reverse("actionplan:progress")).content.decode()


def _fi(name: str, *args) -> str:
    """The Finnish page: the messages asserted here are the Finnish ones users read."""
    with translation.override("fi"):
        return reverse(name, args=args)


def _shows_draft_value(page: str) -> bool:
    """The draft reading, in the indicator table or a chart's table (a bare 114 may be an SVG coordinate)."""
    return "114 (" in page or "<td>114</td>" in page


@pytest.fixture
def published_and_draft(plan, staff):
    """2026-Q3 is published; 2026-Q4, not yet, has a reading the public must not see."""
    indicator = Indicator.objects.get(code="01.2.d")
    measure = indicator.measure
    published = services.ensure_period(plan, "2026-Q3")
    services.record_reading(indicator, published, "101", acting_user=staff)
    services.set_measure_status(
        measure, published, Status.ON_TRACK, acting_user=staff, override_reason="Testi"
    )
    services.publish_period(published)
    draft = services.ensure_period(plan, "2026-Q4")
    services.record_reading(indicator, draft, "114", acting_user=staff)
    services.set_measure_status(measure, draft, Status.LATE, acting_user=staff, override_reason="Testi")
    return measure


@pytest.mark.parametrize("role", [Role.BOARD, Role.MEMBER])
def test_board_and_council_members_see_what_the_public_sees(role, client, published_and_draft):
    client.force_login(user_with_role(role))
    page = client.get(_fi("actionplan:progress")).content.decode()
    assert "Tilanne kauden 2026-Q3 lopussa" in page
    assert "101 (2026-Q3)" in page and not _shows_draft_value(page) and "2026-Q4" not in page
    # Not even when asked for by name.
    page = client.get(_fi("actionplan:progress"), {"period": "2026-Q4"}).content.decode()
    assert (
        "Tilanne kauden 2026-Q3 lopussa" in page
        and not _shows_draft_value(page)
        and 'value="2026-Q4"' not in page
    )
    page = client.get(_fi("actionplan:measure_detail", published_and_draft.pk)).content.decode()
    assert "101 (2026-Q3)" in page and not _shows_draft_value(page) and "2026-Q4" not in page


def test_staff_default_is_the_published_period_and_drafts_are_labelled(client, staff, published_and_draft):
    client.force_login(staff)
    page = client.get(_fi("actionplan:progress")).content.decode()
    assert "Tilanne kauden 2026-Q3 lopussa" in page and not _shows_draft_value(page)
    assert '<option value="2026-Q4">2026-Q4 (luonnos – ei julkaistu)</option>' in page
    page = client.get(_fi("actionplan:progress"), {"period": "2026-Q4"}).content.decode()
    assert "Tilanne kauden 2026-Q4 lopussa" in page and "Tämä kausi on luonnos" in page
    assert "114 (2026-Q4, luonnos – ei julkaistu)" in page
    page = client.get(_fi("actionplan:measure_detail", published_and_draft.pk)).content.decode()
    assert "101 (2026-Q3)" in page and not _shows_draft_value(page)
    assert "2026-Q4 (luonnos – ei julkaistu)</th>" in page  # the draft status, in the status table


def test_the_staff_progress_fragment_is_kept_until_the_plan_data_changes(client, staff, published_and_draft):
    client.force_login(staff)
    url = _fi("actionplan:progress")
    draft = {"period": "2026-Q4"}
    assert "114 (2026-Q4, luonnos" in client.get(url, draft).content.decode()
    with CaptureQueriesContext(connection) as kept:
        client.get(url, draft)
    # A hit draws the fragment without loading the plan's readings or statuses.
    tables = " ".join(q["sql"] for q in kept.captured_queries)
    assert "actionplan_reading" not in tables and "actionplan_measurestatus" not in tables
    # A draft reading (a save), a status and the period's publishing (an UPDATE) each show at once.
    indicator = Indicator.objects.get(code="01.2.d")
    period = services.ensure_period(services.current_plan(), "2026-Q4")
    services.record_reading(indicator, period, "117", acting_user=staff, correction_reason="Korjattu")
    assert "117 (2026-Q4, luonnos" in client.get(url, draft).content.decode()
    services.set_measure_status(
        indicator.measure,
        period,
        Status.DONE,
        acting_user=staff,
        assessment="Kaikki toteutettu ajallaan.",
        override_reason="Valmis",
    )
    assert "Kaikki toteutettu ajallaan." in client.get(url, draft).content.decode()
    services.publish_period(period)
    page = client.get(url).content.decode()
    assert "Tilanne kauden 2026-Q4 lopussa" in page and "117 (2026-Q4)" in page


def test_staff_records_and_corrects_a_reading_via_the_form(client, plan, staff):
    client.force_login(staff)
    period = services.ensure_period(plan, "2026-H1")
    indicator = Indicator.objects.get(code="01.1.b")
    url = _fi("actionplan:reading_record", period.code, indicator.pk)
    response = client.post(url, {"value": "6", "evidence": "Kysely"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert 'value="6"' in response.content.decode()  # nothing the user typed is lost
    assert client.post(url, {"value": "3,8", "evidence": "Kysely"}).status_code == 302
    response = client.post(url, {"value": "3,9"})
    assert response.status_code == 200 and not Reading.objects.filter(value=Decimal("3.9")).exists()
    assert client.post(url, {"value": "3,9", "correction_reason": "Lisävastauksia"}).status_code == 302
    reading = Reading.objects.get(indicator=indicator, period=period)
    assert reading.value == Decimal("3.9") and reading.history.count() == 2
    assert "Lisävastauksia" in client.get(url).content.decode()


def test_invalid_reading_form_asks_to_choose_the_file_again(client, plan, staff):
    client.force_login(staff)
    period = services.ensure_period(plan, "2026-H1")
    indicator = Indicator.objects.get(code="01.1.b")
    url = _fi("actionplan:reading_record", period.code, indicator.pk)
    upload = SimpleUploadedFile("kysely.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(url, {"value": "6", "evidence": "Kysely", "evidence_file": upload})
    page = response.content.decode()
    summary = page[page.index("error-summary") : page.index("</div>", page.index("error-summary"))]
    again = "Valitse tiedosto uudelleen: tiedostoa ei säilytetä, kun lomakkeessa on virheitä."
    assert f'<a href="#id_evidence_file">Liite: {again}</a>' in summary
    assert not Reading.objects.exists()
    # Without other errors the file is simply saved.
    upload.seek(0)
    assert client.post(url, {"value": "3,8", "evidence_file": upload}).status_code == 302
    assert Reading.objects.get().evidence_file


def test_status_form_needs_reason_to_override_and_closed_period_refuses(client, plan, staff):
    client.force_login(staff)
    period = services.ensure_period(plan, "2026")
    measure = Indicator.objects.get(code="01.1.b").measure
    url = reverse("actionplan:status_set", args=[period.code, measure.pk])
    response = client.post(url, {"status": Status.LATE, "assessment": "Hidasta"})
    assert response.status_code == 200 and not MeasureStatus.objects.exists()
    response = client.post(
        url, {"status": Status.LATE, "assessment": "Hidasta", "override_reason": "Resurssit"}
    )
    assert response.status_code == 302
    assert MeasureStatus.objects.get().status == Status.LATE
    client.post(reverse("actionplan:period_close", args=[period.code]))
    response = client.post(url, {"status": Status.DONE, "override_reason": "x"})
    assert response.status_code == 200
    assert MeasureStatus.objects.get().status == Status.LATE


def test_export_upload_round_trip_with_preview(client, plan, staff):
    client.force_login(staff)
    period = services.ensure_period(plan, "2026-Q4")
    services.record_reading(Indicator.objects.get(code="01.1.b"), period, "3.5", acting_user=staff)
    response = client.get(reverse("actionplan:period_export", args=[period.code, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == exchange.COLUMNS
    assert len(rows) == 1 + 27
    header = rows[0]
    by_code = {r[header.index("indicator")]: list(r) for r in rows[1:]}
    assert by_code["01.1.b"][header.index("value")] == 3.5
    assert by_code["01.1.b"][header.index("goal")] == "01"
    assert by_code["01.1.b"][header.index("measure")] == "01.1"
    # Fill some values in, break others, and upload the same layout back.
    by_code["01.2.d"][header.index("value")] = 140
    by_code["01.1.a"][header.index("value")] = "osittain"
    by_code["01.2.b"][header.index("value")] = "erinomainen"
    by_code["01.1.b"][header.index("value")] = 3.6  # a correction without a reason
    by_code["02.1.b"][header.index("value")] = 9
    csv_text = (
        ";".join(header)
        + "\n"
        + "\n".join(";".join("" if v is None else str(v) for v in row) for row in by_code.values())
    )
    upload = SimpleUploadedFile("readings.csv", csv_text.encode("utf-8"), content_type="text/csv")
    response = client.post(reverse("actionplan:upload"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert Reading.objects.count() == 1  # the preview saves nothing
    assert "erinomainen" in page and "correction_reason" in page
    response = client.post(reverse("actionplan:upload"), {"confirm": "1"})
    assert response.status_code == 302
    assert Reading.objects.get(indicator__code="01.2.d").value == 140
    assert Reading.objects.get(indicator__code="01.1.a").value == Decimal("0.5")
    assert Reading.objects.get(indicator__code="01.1.b").value == Decimal("3.5")
    assert not Reading.objects.filter(indicator__code__in=["01.2.b", "02.1.b"]).exists()


def test_upload_rejects_other_files_and_rows_of_closed_or_foreign_periods(client, plan, staff):
    client.force_login(staff)
    closed = services.ensure_period(plan, "2026-Q1")
    services.close_period(closed, acting_user=staff)
    pdf = SimpleUploadedFile("x.csv", b"%PDF-1.4\x00\x00binary", content_type="text/csv")
    response = client.post(reverse("actionplan:upload"), {"file": pdf})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    rows = [
        {"period": "2026-Q1", "indicator": "01.1.b", "value": "4"},
        {"period": "2035", "indicator": "01.1.b", "value": "4"},
        {"period": "kevät", "indicator": "01.1.b", "value": "4"},
        {"period": "2026-Q2", "indicator": "99.9.z", "value": "4"},
        {"period": "2026-Q2", "indicator": "01.1.b", "value": ""},
    ]
    previews = exchange.preview_upload(plan, rows)
    assert [p.action for p in previews] == ["error", "error", "error", "error", "skip"]
    assert "closed" in previews[0].problems[0]
    assert "outside the plan" in previews[1].problems[0]
    missing = SimpleUploadedFile("x.csv", b"foo;bar\n1;2\n", content_type="text/csv")
    response = client.post(reverse("actionplan:upload"), {"file": missing})
    assert (
        "period, indicator, value" in response.content.decode()
        or "error-summary" in response.content.decode()
    )


def test_reminders_are_sent_once_to_the_data_owner(plan, staff, django_capture_on_commit_callbacks):
    indicator = Indicator.objects.get(code="01.2.d")
    Indicator.objects.exclude(pk=indicator.pk).update(next_reading_due=None)
    owner = user_with_role(Role.STAFF, preferred_language="sv")
    Indicator.objects.filter(pk=indicator.pk).update(data_owner=owner)
    indicator.refresh_from_db()
    day = indicator.next_reading_due
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reading_reminders(day - datetime.timedelta(days=3)) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [owner.email]
    assert "01.2.d" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reading_reminders(day - datetime.timedelta(days=2)) == 0
        assert send_reading_reminders(day + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    services.record_reading(indicator, services.ensure_period(plan, "2026-Q2"), "150", acting_user=staff)
    indicator.refresh_from_db()
    assert indicator.next_reading_due > day


def test_measure_page_shows_plan_text_and_only_published_statuses_to_the_public(client, plan, staff):
    indicator = Indicator.objects.get(code="01.2.d")
    measure = indicator.measure
    period = services.ensure_period(plan, "2026-Q3")
    services.record_reading(indicator, period, "130", acting_user=staff)
    services.set_measure_status(
        measure, period, Status.AT_RISK, acting_user=staff, override_reason="Hidas käyttöönotto"
    )
    url = reverse("actionplan:measure_detail", args=[measure.pk])
    page = client.get(url).content.decode()
    assert "Developing the wellbeing offering together with NGOs and municipalities" in page
    assert "The wellbeing offering and the basic structures" in page
    with translation.override("fi"):
        finnish = client.get(reverse("actionplan:measure_detail", args=[measure.pk])).content.decode()
    assert "Kehitetään hyvinvointitarjotinta yhdessä järjestöjen ja kuntien kanssa" in finnish
    assert "Hidas käyttöönotto" not in page and "<svg" in page
    services.publish_period(period)
    page = client.get(url).content.decode()
    assert "Hidas käyttöönotto" in page and "2026-Q3" in page


def test_export_keeps_free_text_from_turning_into_formulas(plan, staff):
    period = services.ensure_period(plan, "2027-Q1")
    services.record_reading(
        Indicator.objects.get(code="01.2.d"), period, "5", acting_user=staff, evidence="=HYPERLINK(1)"
    )
    sheet = load_workbook(io.BytesIO(exchange.export_xlsx(period))).active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[3] == "01.2.d")
    assert row[header.index("evidence")] == "'=HYPERLINK(1)"
    assert "'=HYPERLINK(1)" in exchange.export_csv(period).decode("utf-8-sig")


def test_evidence_attachment_is_checked_by_content(client, plan, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    period = services.ensure_period(plan, "2026-Q3")
    indicator = Indicator.objects.get(code="01.2.d")
    url = reverse("actionplan:reading_record", args=[period.code, indicator.pk])
    fake = SimpleUploadedFile("raportti.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = client.post(url, {"value": "120", "evidence_file": fake})
    assert response.status_code == 200 and not Reading.objects.exists()
    pdf = SimpleUploadedFile(
        "raportti.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", content_type="x"
    )
    assert client.post(url, {"value": "120", "evidence_file": pdf}).status_code == 302
    assert Reading.objects.get().evidence_file.name.endswith(".pdf")


def test_csv_export_writes_decimal_commas_that_the_import_reads_back(plan, staff):
    import csv

    period = services.ensure_period(plan, "2027-Q2")
    indicator = Indicator.objects.filter(kind=Indicator.Kind.GRADE).first()
    services.record_reading(indicator, period, "3,5", acting_user=staff)
    text = exchange.export_csv(period).decode("utf-8-sig")
    rows = csv.DictReader(io.StringIO(text), delimiter=";")
    assert next(r for r in rows if r["indicator"] == indicator.code)["value"] == "3,5"
    upload = SimpleUploadedFile("readings.csv", text.encode("utf-8"), content_type="text/csv")
    again = next(r for r in exchange.read_table(upload) if r["indicator"] == indicator.code)
    assert services.parse_value(indicator, again["value"]) == Decimal("3.5")
