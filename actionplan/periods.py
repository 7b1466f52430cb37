"""Reporting period codes: "2026" (year), "2026-H1" (half-year) and "2026-Q2" (quarter).

Other apps (reports, council) may use `parse_period` to read a period code a user typed.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

PERIOD_RE = re.compile(r"^\s*(?P<year>\d{4})(?:\s*[-/ ]\s*(?P<kind>[QqHh])(?P<number>\d))?\s*$")

YEAR = "year"
HALF = "half"
QUARTER = "quarter"
MONTHS_PER = {YEAR: 12, HALF: 6, QUARTER: 3}
# Coarser periods sort after the finer ones that end on the same day ("2026-Q4" before "2026").
GRANULARITY = {QUARTER: 0, HALF: 1, YEAR: 2}


class PeriodError(ValueError):
    """A period code that cannot be read; the message is for the user."""


@dataclass(frozen=True, order=True)
class PeriodSpec:
    end: datetime.date
    granularity: int
    start: datetime.date
    year: int
    kind: str
    number: int

    @property
    def code(self) -> str:
        if self.kind == YEAR:
            return str(self.year)
        return f"{self.year}-{'H' if self.kind == HALF else 'Q'}{self.number}"

    def __str__(self) -> str:
        return self.code


def period_bounds(year: int, kind: str, number: int) -> tuple[datetime.date, datetime.date]:
    months = MONTHS_PER[kind]
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    return (
        datetime.date(year, first_month, 1),
        datetime.date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


def make_period(year: int, kind: str, number: int = 1) -> PeriodSpec:
    start, end = period_bounds(year, kind, number)
    return PeriodSpec(end, GRANULARITY[kind], start, year, kind, number)


def parse_period(code: str) -> PeriodSpec:
    """Read "2026", "2026-H1" or "2026-Q2" (case and separator are forgiven)."""
    match = PERIOD_RE.match(str(code or ""))
    if not match:
        raise PeriodError(
            _("“%(code)s” is not a reporting period. Write e.g. 2026-Q2, 2026-H1 or 2026.") % {"code": code}
        )
    year = int(match["year"])
    letter = (match["kind"] or "").upper()
    if not letter:
        return make_period(year, YEAR)
    kind = HALF if letter == "H" else QUARTER
    number = int(match["number"])
    if not 1 <= number <= (2 if kind == HALF else 4):
        raise PeriodError(
            _("“%(code)s” is not a reporting period. Write e.g. 2026-Q2, 2026-H1 or 2026.") % {"code": code}
        )
    return make_period(year, kind, number)


def quarters(first_year: int, last_year: int) -> list[PeriodSpec]:
    return [make_period(y, QUARTER, q) for y in range(first_year, last_year + 1) for q in range(1, 5)]
