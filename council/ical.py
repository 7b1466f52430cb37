"""iCalendar for meetings: a feed per body and a file per meeting."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Event

from membership.notifications import absolute_url

from .models import Meeting

DEFAULT_LENGTH = datetime.timedelta(hours=2)


def _event(meeting: Meeting, with_link: bool) -> Event:
    event = Event()
    event.add("uid", f"council-meeting-{meeting.pk}@{settings.SITE_URL.split('://')[-1]}")
    event.add("dtstamp", meeting.sent_at or meeting.created_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH)
    with translation.override(meeting.body.language):
        event.add("summary", str(meeting.body.name))
        url = absolute_url(reverse("council:meeting_detail", args=[meeting.pk]))
    location = meeting.place
    if with_link and meeting.remote_link:
        location = f"{location} / {meeting.remote_link}" if location else meeting.remote_link
    if location:
        event.add("location", location)
    event.add("url", url)
    description = url
    if with_link and meeting.remote_link:
        description = f"{meeting.remote_link}\n{url}"
    event.add("description", description)
    event.add("status", "CONFIRMED" if meeting.state != Meeting.State.DRAFT else "TENTATIVE")
    return event


def calendar_bytes(meetings: Iterable[Meeting], name: str, with_link: bool = False) -> bytes:
    """The remote link goes only to invited people: a public feed leaves it out."""
    calendar = Calendar()
    calendar.add("prodid", "-//VAKE//NGO council portal//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    for meeting in meetings:
        calendar.add_component(_event(meeting, with_link))
    return calendar.to_ical()


def meeting_ics(meeting: Meeting, with_link: bool = True) -> bytes:
    return calendar_bytes([meeting], str(meeting), with_link)
