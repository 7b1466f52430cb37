"""Days and moments written out in the page's language, whether given as objects or as ISO text.

Stored data (a report's snapshot, a person's export) keeps dates in ISO, which outlives the language
it was made in; they are written out when shown. Text that is not ISO is shown as it is.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _


def format_day(value: datetime.date | str | None) -> str | None:
    if isinstance(value, datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        return date_format(day, "SHORT_DATE_FORMAT")
    try:
        day = datetime.date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return value
    return date_format(day, "SHORT_DATE_FORMAT")


def format_moment(value: datetime.datetime | str | None) -> str | None:
    if isinstance(value, datetime.datetime):
        moment = value
    else:
        try:
            moment = datetime.datetime.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return _("%(day)s at %(time)s") % {
        "day": date_format(moment, "SHORT_DATE_FORMAT"),
        "time": time_format(moment, "TIME_FORMAT"),
    }
