"""Reporting periods, one format everywhere: `2026` (year), `2026-H1` (half-year), `2026-Q2` (quarter).

The plan's reporting periods and the reports read periods with `Period.parse`. Case and spaces
around the code are forgiven; other separators ("2026 Q2", "2026/H1") are refused with the form to
write instead, and years outside 2000–2100 are refused as typing errors.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import total_ordering

from django.utils.translation import gettext as _

YEAR, HALF, QUARTER = "Y", "H", "Q"
MONTHS = {YEAR: 12, HALF: 6, QUARTER: 3}
# The kind as a word: how the plan's periods and its indicators' frequencies store it.
KIND_NAMES = {YEAR: "year", HALF: "half", QUARTER: "quarter"}
KIND_OF_NAME = {name: kind for kind, name in KIND_NAMES.items()}
FIRST_YEAR, LAST_YEAR = 2000, 2100

CODE = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[HQ])(?P<number>\d))?$")
# Near misses of CODE, answered with the code meant.
NEAR = re.compile(r"^(?P<year>\d{4})\s*[\s/._]\s*(?P<kind>[HQ])\s*(?P<number>\d)$")


class PeriodError(ValueError):
    """A period code that cannot be read; the message is for the user."""


def _refuse(text: str) -> PeriodError:
    near = NEAR.match(text.strip().upper())
    if near:
        meant = f"{near['year']}-{near['kind']}{near['number']}"
        return PeriodError(
            _("Write the period “%(code)s” as %(meant)s: the year, a hyphen, then H1–H2 or Q1–Q4.")
            % {"code": text, "meant": meant}
        )
    return PeriodError(
        _("“%(code)s” is not a reporting period. Write e.g. 2026-Q2, 2026-H1 or 2026.") % {"code": text}
    )


@total_ordering
@dataclass(frozen=True)
class Period:
    year: int
    kind: str = YEAR
    number: int = 1

    @classmethod
    def parse(cls, text: str) -> Period:
        match = CODE.match(str(text or "").strip().upper())
        if not match:
            raise _refuse(str(text or ""))
        period = cls(int(match["year"]), match["kind"] or YEAR, int(match["number"] or 1))
        if not 1 <= period.number <= 12 // MONTHS[period.kind] or not FIRST_YEAR <= period.year <= LAST_YEAR:
            raise _refuse(str(text))
        return period

    @classmethod
    def named(cls, year: int, kind_name: str, number: int = 1) -> Period:
        """A period of a kind given as a word ("quarter"), as the plan stores it."""
        return cls(year, KIND_OF_NAME[kind_name], number)

    @classmethod
    def containing(cls, day: datetime.date, kind: str) -> Period:
        return cls(day.year, kind, (day.month - 1) // MONTHS[kind] + 1)

    @classmethod
    def all_in(cls, first_year: int, last_year: int, kind: str) -> list[Period]:
        count = 12 // MONTHS[kind]
        return [cls(y, kind, n) for y in range(first_year, last_year + 1) for n in range(1, count + 1)]

    @property
    def code(self) -> str:
        return str(self.year) if self.kind == YEAR else f"{self.year}-{self.kind}{self.number}"

    def __str__(self) -> str:
        return self.code

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, (self.number - 1) * MONTHS[self.kind] + 1, 1)

    @property
    def end(self) -> datetime.date:
        month = self.number * MONTHS[self.kind]
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def sort_key(self) -> tuple[datetime.date, int]:
        """By end; a coarser period after the finer ones ending on its day ("2026-Q4" < "2026")."""
        return (self.end, MONTHS[self.kind])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key < other.sort_key

    def next(self) -> Period:
        if self.number < 12 // MONTHS[self.kind]:
            return Period(self.year, self.kind, self.number + 1)
        return Period(self.year + 1, self.kind, 1)

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.year, self.kind, self.number - 1)
        return Period(self.year - 1, self.kind, 12 // MONTHS[self.kind])

    def same_last_year(self) -> Period:
        return Period(self.year - 1, self.kind, self.number)

    @property
    def label(self) -> str:
        if self.kind == HALF:
            return _("%(year)s, half-year %(number)s") % {"year": self.year, "number": self.number}
        if self.kind == QUARTER:
            return _("%(year)s, quarter %(number)s") % {"year": self.year, "number": self.number}
        return str(self.year)
