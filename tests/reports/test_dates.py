"""A report writes its dates in its own language at render time; the snapshot keeps them in ISO."""

import datetime
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from actionplan.services import measures_of
from council import minutes, services
from membership.kernel.periods import Period
from membership.models import Role
from reports import rendering
from reports.models import RunState
from tests.council.factories import make_meeting, seat
from tests.factories import user_with_role

from .factories import ReportDefinitionFactory, ReportRunFactory

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _decision_on_3_february() -> None:
    member = seat()
    meeting = make_meeting(starts_at=timezone.make_aware(datetime.datetime(2026, 2, 3, 14)), items=1)
    item = meeting.items.get(title="Asia 1")
    item.measures.set([measures_of().get(code="02.1")])
    services.send_agenda(meeting)
    present = set(meeting.attendances.values_list("pk", flat=True))
    decisions = {other.pk: {"resolution": "noted"} for other in meeting.items.all()}
    decisions[item.pk] = {"resolution": "as_proposed"}
    minutes.save_minutes(meeting, meeting.version, {}, decisions, present)
    minutes.set_checkers(meeting, [member.user])
    minutes.send_to_checkers(meeting)
    minutes.approve_minutes(meeting)
    minutes.publish_minutes(meeting)


def _snapshot(language: str) -> dict:
    return rendering.build_snapshot(
        audience_code="board",
        audience_name="Lautakunta",
        detailed=True,
        language=language,
        section_keys=["council"],
        period=Period.parse("2026-H1"),
    )


def _visible(html: str) -> str:
    """The text of the HTML: without its tags, and so without the ISO datetime attributes of <time>."""
    return re.sub(r"<[^>]*>", "", html)


@pytest.mark.parametrize(("language", "at"), [("fi", "klo"), ("sv", "kl.")])
def test_report_dates_are_written_in_the_report_language(language, at):
    _decision_on_3_february()
    snapshot = _snapshot(language)
    council = snapshot["sections"][0]["data"]
    assert council["meetings"][0]["date"] == "2026-02-03"
    assert council["by_measure"][0]["decisions"][0]["date"] == "2026-02-03"
    # The page around the report is English: the report keeps its own language.
    with translation.override("en"):
        html = _visible(rendering.render_document_html(snapshot))
    assert '<time datetime="2026-02-03">' in rendering.render_document_html(snapshot)
    assert "1.1.2026–30.6.2026" in html
    assert html.count("3.2.2026") == 2  # the meeting and the decision
    assert re.search(rf"\d{{1,2}}\.\d{{1,2}}\.20\d\d {re.escape(at)} \d{{1,2}}\.\d\d\b", html)
    assert not ISO_DATE.search(html)


def test_the_pdf_shows_no_iso_date():
    _decision_on_3_february()
    pdf = rendering.render_pdf(_snapshot("fi"))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "3.2.2026" in text and "1.1.2026–30.6.2026" in text and " klo " in text
    assert not ISO_DATE.search(text)


def test_an_older_snapshot_keeps_its_time_of_making_as_written():
    snapshot = _snapshot("fi")
    snapshot["meta"]["generated_at"] = "02.12.2026 08:31"
    assert "02.12.2026 08:31" in rendering.render_document_html(snapshot)


def test_board_members_get_the_pdf_first_and_staff_the_technical_details(staff_client):
    definition = ReportDefinitionFactory(recipient_roles=[Role.BOARD])
    run = ReportRunFactory(definition=definition, state=RunState.FINISHED, attempts=2, checksum="ab" * 32)
    url = reverse("reports:run_detail", kwargs={"pk": run.pk})
    board = Client()
    board.force_login(user_with_role(Role.BOARD))
    page = board.get(url).content.decode()
    assert "ab" * 32 not in page and "Yritykset" not in page
    download = page.index(reverse("reports:run_download", kwargs={"pk": run.pk}))
    assert download < page.index(reverse("reports:run_preview", kwargs={"pk": run.pk}))
    assert download < page.index('<dl class="facts">')  # the state and times come after it
    staff_page = staff_client.get(url).content.decode()
    assert "ab" * 32 in staff_page and "Yritykset" in staff_page
