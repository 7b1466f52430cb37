"""The progress report's council activity section, drawn through council's services."""

import datetime

import pytest
from django.utils import timezone

from council import services as council_services
from council.models import Attendance, Resolution, TopicProposal
from membership.kernel.periods import Period
from reports.sections import council as council_section
from tests.council.factories import make_meeting, seat

pytestmark = pytest.mark.django_db


def test_section_counts_meetings_attendance_decisions_and_topics():
    first, second = seat(), seat()
    meeting = make_meeting(days=-10, items=3)
    council_services.send_agenda(meeting)
    Attendance.objects.filter(meeting=meeting, council_membership=first).update(present=True)
    Attendance.objects.filter(meeting=meeting, council_membership=second).update(present=False)
    item = meeting.items.order_by("position").first()
    item.resolution = Resolution.AS_PROPOSED
    item.save()
    TopicProposal.objects.create(
        body=meeting.body, meeting=meeting, proposer=first.user, title="Vapaaehtoistyö", description="x"
    )
    meeting.starts_at = timezone.now() - datetime.timedelta(days=10)
    meeting.save()

    period = Period.containing(timezone.localdate() - datetime.timedelta(days=10), "Y")
    data = council_section.collect(period, detailed=True)
    assert data["has_data"]
    assert data["meetings_held"] == 1
    assert data["decisions"] == 1
    assert data["topics_raised"] == 1
    assert data["meetings"][0]["seats"] == 2 and data["meetings"][0]["present"] == 1
    assert data["attendance_rate"] == 50


def test_section_says_when_nothing_happened():
    make_meeting(days=30)  # a draft meeting in the future is not activity
    data = council_section.collect(Period.parse("2031"), detailed=False)
    assert not data["has_data"]
    assert "no meetings" in data["note"] or "ei pitänyt" in data["note"]
