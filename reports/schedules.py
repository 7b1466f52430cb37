"""Definitions' schedules kept in django-celery-beat, so staff change them without a deploy."""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, PeriodicTask, PeriodicTasks

from membership.kernel.periods import Period

from .models import PeriodKind, ReportDefinition, ScheduleKind

SCHEDULED_TASK = "reports.run_scheduled_report"
# The months after a period ends, in which the report on it is sent.
MONTHS_AFTER: dict[str, str] = {
    PeriodKind.QUARTER: "1,4,7,10",
    PeriodKind.HALF_YEAR: "1,7",
    PeriodKind.YEAR: "1",
}
# Daylight saving time shifts at 03:00/04:00 local time; a schedule in these hours may fire twice or never.
UNSAFE_FROM, UNSAFE_TO = datetime.time(1, 0), datetime.time(4, 0)


def check_send_time(value: datetime.time) -> None:
    if UNSAFE_FROM <= value <= UNSAFE_TO:
        raise ValidationError(
            _("Choose a time outside 01:00–04:00: daylight saving time shifts in those hours."),
            code="dst",
        )


def period_due(definition: ReportDefinition, today: datetime.date) -> Period:
    """The period a report made today covers: the last one that has ended."""
    return Period.containing(today, definition.period_kind).previous()


def sync_schedule(definition: ReportDefinition) -> None:
    """Create, change or remove the definition's beat entry to match it; beat is told of the change."""
    task = definition.periodic_task
    wanted = definition.is_active and definition.schedule != ScheduleKind.MANUAL
    if definition.schedule == ScheduleKind.ONCE and not definition.once_on:
        wanted = False
    if not wanted:
        if task is not None:
            definition.periodic_task = None
            definition.save(update_fields=["periodic_task"])
            task.delete()
            PeriodicTasks.update_changed()
        return
    fields = {
        "task": SCHEDULED_TASK,
        "args": json.dumps([definition.pk]),
        "enabled": True,
        "description": str(definition),
        "crontab": None,
        "clocked": None,
        "one_off": False,
    }
    send_time = definition.send_time
    if isinstance(send_time, str):
        send_time = datetime.time.fromisoformat(send_time)
    if definition.schedule == ScheduleKind.RECURRING:
        fields["crontab"], _created = CrontabSchedule.objects.get_or_create(
            minute=str(send_time.minute),
            hour=str(send_time.hour),
            day_of_week="*",
            day_of_month=str(definition.send_day),
            month_of_year=MONTHS_AFTER[definition.period_kind],
            timezone=settings.CELERY_TIMEZONE,
        )
    else:
        assert definition.once_on is not None  # the form asks for the date of a one-time report
        moment = timezone.make_aware(datetime.datetime.combine(definition.once_on, send_time))
        fields["clocked"], _created = ClockedSchedule.objects.get_or_create(clocked_time=moment)
        fields["one_off"] = True
    if task is None:
        task = PeriodicTask.objects.create(name=f"report-definition-{definition.pk}", **fields)
        definition.periodic_task = task
        definition.save(update_fields=["periodic_task"])
    else:
        for name, value in fields.items():
            setattr(task, name, value)
        task.save()
    # PeriodicTask.save() notifies beat itself, but an explicit bump keeps that true for any path.
    PeriodicTasks.update_changed()
