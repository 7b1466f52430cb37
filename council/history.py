"""The history of a meeting, its minutes and its items' decisions, for the staff's history page.

Read from django-simple-history's tables in a fixed number of queries (one per model), whatever
the number of items and changes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import AgendaItem, Attachment, ConflictOfInterest, Dissent, Meeting, MinutesChecker, Vote

# Bookkeeping that tells a reader nothing.
SKIPPED = {"id", "version", "position", "series_body", "series_year", "ics_stamp", "created_at", "sent_at"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime.datetime
    who: str
    what: str
    kind: str
    changes: list[Change]


def _value(field: models.Field, value) -> str:
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _fields(model) -> list[models.Field]:
    # Only what the history keeps: the fields excluded from it (reminder_sent_at, file) have no values.
    tracked = {f.name for f in model.history.model._meta.fields}
    return [
        f for f in model._meta.fields if f.name in tracked and f.name not in SKIPPED and not f.is_relation
    ]


def _entries(records, model, label) -> list[Entry]:
    fields = _fields(model)
    previous: dict[int, object] = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        who = str(record.history_user) if record.history_user_id else _("the system")
        if record.history_type == "+":
            kind = _("created")
            changes = [
                Change(str(f.verbose_name), "–", _value(f, getattr(record, f.attname))) for f in fields
            ]
            changes = [c for c in changes if c.new != "–"]
        elif record.history_type == "-":
            kind, changes = _("removed"), []
        else:
            kind = _("changed")
            changes = [
                Change(
                    str(f.verbose_name),
                    _value(f, getattr(before, f.attname)),
                    _value(f, getattr(record, f.attname)),
                )
                for f in fields
                if before is not None and getattr(before, f.attname) != getattr(record, f.attname)
            ]
            if not changes:
                continue
        entries.append(Entry(record.history_date, who, label(record), kind, changes))
    return entries


def meeting_history(meeting: Meeting) -> list[Entry]:
    """Newest first: the meeting and its minutes, each item, vote, dissent, conflict and checker."""
    numbers = dict(meeting.items.values_list("pk", "number"))

    def of_item(record) -> str:
        return f"§ {numbers.get(record.item_id, '?')}"

    sources = [
        (Meeting.history.filter(id=meeting.pk), Meeting, lambda r: _("Meeting and minutes")),
        (
            AgendaItem.history.filter(meeting_id=meeting.pk),
            AgendaItem,
            lambda r: f"§ {r.number} {r.title}",
        ),
        (Vote.history.filter(item__meeting=meeting), Vote, lambda r: f"{of_item(r)}: {_('vote')}"),
        (
            Dissent.history.filter(item__meeting=meeting),
            Dissent,
            lambda r: f"{of_item(r)}: {_('dissenting opinion')}",
        ),
        (
            ConflictOfInterest.history.filter(item__meeting=meeting),
            ConflictOfInterest,
            lambda r: f"{of_item(r)}: {_('conflict of interest')}",
        ),
        (
            Attachment.history.filter(item__meeting=meeting),
            Attachment,
            lambda r: f"{of_item(r)}: {_('attachment')}",
        ),
        (
            MinutesChecker.history.filter(meeting_id=meeting.pk),
            MinutesChecker,
            lambda r: _("minutes checker"),
        ),
    ]
    entries: list[Entry] = []
    for records, model, label in sources:
        ordered = records.select_related("history_user").order_by("history_date", "history_id")
        entries += _entries(ordered, model, label)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
