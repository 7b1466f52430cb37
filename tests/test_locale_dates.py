"""Dates and times follow the page's language: Finnish and Finland-Swedish write 14.00 and 8.31."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from council import services
from tests.council.factories import in_days, make_meeting

# A format written into a template instead of a named one (SHORT_DATETIME_FORMAT, TIME_FORMAT, ...).
HARD_CODED_TIME = re.compile(r"\|(?:date|time):[\"'](?=[^\"']*[HGgh])(?![A-Z_]+[\"'])[^\"']*[\"']")


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "2.12.2026 8.31 / 14.00"), ("sv", "2.12.2026 8.31 / 14.00"), ("en", "2.12.2026 08:31 / 14:00")],
)
def test_named_formats_of_each_language(language, expected):
    moment = timezone.make_aware(datetime.datetime(2026, 12, 2, 8, 31))
    with translation.override(language):
        shown = _render(
            '{{ moment|date:"SHORT_DATETIME_FORMAT" }} / {{ two|time:"TIME_FORMAT" }}',
            moment=moment,
            two=datetime.time(14, 0),
        )
    assert shown == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "span"), [("fi", "14.00–16.00"), ("sv", "14.00–16.00"), ("en", "14:00–16:00")]
)
def test_meeting_page_and_calendar_show_the_time_of_the_language(client, language, span):
    starts = in_days(20, hour=14)
    meeting = make_meeting(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    services.send_agenda(meeting)
    services.publish_agenda(meeting)
    with translation.override(language):
        page = client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
        calendar = client.get(reverse("council:calendar"), {"year": meeting.year}).content.decode()
    assert span in page
    assert span.split("–")[0] in calendar
    if language != "en":
        assert "14:00" not in page and "14:00" not in calendar


def test_no_template_writes_a_time_format_of_its_own():
    templates = Path(settings.BASE_DIR) / "templates"
    found = [
        f"{path.relative_to(templates)}: {match.group()}"
        for path in templates.rglob("*.*")
        for match in HARD_CODED_TIME.finditer(path.read_text())
    ]
    assert found == []
