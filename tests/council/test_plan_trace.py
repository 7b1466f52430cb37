"""Decisions traced to the action plan: the measure's page and the board report list them."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actionplan.models import Measure
from actionplan.services import measures_of
from council import minutes, services
from council.models import Meeting
from membership.kernel.periods import Period
from reports import rendering
from tests.council.factories import make_meeting, seat

pytestmark = pytest.mark.django_db

DECISION = "Neuvottelukunta hyväksyi järjestöyhteistyön seurantamallin."


def _decided_on(measure: Measure) -> Meeting:
    member = seat()
    meeting = make_meeting(starts_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 14)), items=1)
    item = meeting.items.get(title="Asia 1")
    item.measures.set([measure])
    services.send_agenda(meeting)
    present = set(meeting.attendances.values_list("pk", flat=True))
    decisions = {other.pk: {"resolution": "noted"} for other in meeting.items.all()}
    decisions[item.pk] = {"resolution": "as_proposed", "decision": DECISION}
    minutes.save_minutes(meeting, meeting.version, {}, decisions, present)
    minutes.set_checkers(meeting, [member.user])
    minutes.send_to_checkers(meeting)
    minutes.approve_minutes(meeting)
    minutes.publish_minutes(meeting)
    return meeting


def test_a_decision_on_measure_02_1_is_on_its_page_and_in_the_board_report():
    measure = measures_of().get(code="02.1")
    meeting = _decided_on(measure)
    number = meeting.items.get(title="Asia 1").number
    page = Client().get(reverse("actionplan:measure_detail", args=[measure.pk])).content.decode()
    assert DECISION in page
    assert f"§ {number} Asia 1" in page and "10.3.2026" in page
    assert reverse("council:meeting_detail", args=[meeting.pk]) in page
    snapshot = rendering.build_snapshot(
        audience_code="board",
        audience_name="Lähidemokratia- ja osallisuuslautakunta",
        detailed=False,
        language="fi",
        section_keys=["council"],
        period=Period.parse("2026-H1"),
    )
    pdf = rendering.render_pdf(snapshot)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "02.1" in text and "seurantamallin" in text
    assert "Päätökset toimintasuunnitelman toimenpiteittäin" in text


def test_non_public_and_unpublished_decisions_stay_off_the_measure_page():
    measure = measures_of().get(code="02.1")
    meeting = make_meeting(days=-3, items=1)
    item = meeting.items.get(title="Asia 1")
    item.measures.set([measure])
    item.decision, item.resolution = "Keskeneräinen päätös", "as_proposed"
    item.save()
    page = Client().get(reverse("actionplan:measure_detail", args=[measure.pk])).content.decode()
    assert "Keskeneräinen päätös" not in page
