"""Reporting periods: a year, a half-year or a quarter, written as 2026, 2026-H1 or 2026-Q3."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[HQ])(?P<number>\d))?$")
MONTHS_PER_KIND = {"Y": 12, "H": 6, "Q": 3}


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    year: int
    kind: str = "Y"  # Y year, H half-year, Q quarter
    number: int = 1

    @classmethod
    def parse(cls, text: str) -> Period:
        match = PERIOD_PATTERN.match((text or "").strip().upper())
        if not match:
            raise PeriodError(_("Write the period as 2026, 2026-H1 or 2026-Q3."))
        year = int(match["year"])
        kind = match["kind"] or "Y"
        number = int(match["number"] or 1)
        limit = {"Y": 1, "H": 2, "Q": 4}[kind]
        if not 1 <= number <= limit or not 2000 <= year <= 2100:
            raise PeriodError(_("Write the period as 2026, 2026-H1 or 2026-Q3."))
        return cls(year, kind, number)

    @classmethod
    def containing(cls, day: datetime.date, kind: str) -> Period:
        months = MONTHS_PER_KIND[kind]
        return cls(day.year, kind, (day.month - 1) // months + 1)

    def __str__(self) -> str:
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}{self.number}"

    @property
    def start(self) -> datetime.date:
        months = MONTHS_PER_KIND[self.kind]
        return datetime.date(self.year, (self.number - 1) * months + 1, 1)

    @property
    def end(self) -> datetime.date:
        return self.next().start - datetime.timedelta(days=1)

    def next(self) -> Period:
        count = 12 // MONTHS_PER_KIND[self.kind]
        if self.number < count:
            return Period(self.year, self.kind, self.number + 1)
        return Period(self.year + 1, self.kind, 1)

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.year, self.kind, self.number - 1)
        return Period(self.year - 1, self.kind, 12 // MONTHS_PER_KIND[self.kind])

    def same_last_year(self) -> Period:
        return Period(self.year - 1, self.kind, self.number)

    @property
    def label(self) -> str:
        if self.kind == "H":
            return _("%(year)s, half-year %(number)s") % {"year": self.year, "number": self.number}
        if self.kind == "Q":
            return _("%(year)s, quarter %(number)s") % {"year": self.year, "number": self.number}
        return str(self.year)
