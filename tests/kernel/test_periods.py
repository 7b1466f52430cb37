"""One period format for the plan and the reports: 2026, 2026-H1, 2026-Q2."""

import datetime

import pytest
from django.utils import translation

from membership.kernel.periods import HALF, QUARTER, Period, PeriodError


@pytest.mark.parametrize(
    ("text", "code", "start", "end"),
    [
        ("2026", "2026", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        (" 2027 ", "2027", datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)),
        ("2026-h1", "2026-H1", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)),
        ("2026-H2", "2026-H2", datetime.date(2026, 7, 1), datetime.date(2026, 12, 31)),
        ("2026-Q1", "2026-Q1", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        ("2026-Q2", "2026-Q2", datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)),
        ("2026-q4", "2026-Q4", datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
    ],
)
def test_periods_parse(text, code, start, end):
    period = Period.parse(text)
    assert (period.code, period.start, period.end) == (code, start, end)


@pytest.mark.parametrize("text", ["2026-Q5", "2026-H0", "2026-H3", "26", "Q2", "kevät", "", "1999", "2101"])
def test_nonsense_is_refused(text):
    with translation.override("en"), pytest.raises(PeriodError, match="is not a reporting period"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("text", "meant"), [("2026 q2", "2026-Q2"), ("2026/H1", "2026-H1"), ("2026 Q4", "2026-Q4")]
)
def test_other_separators_are_refused_with_the_code_meant(text, meant):
    with translation.override("en"), pytest.raises(PeriodError) as refused:
        Period.parse(text)
    assert f"as {meant}:" in str(refused.value)


def test_finer_periods_sort_before_the_year_they_end_with():
    codes = ["2027-Q1", "2026", "2026-H2", "2026-Q4"]
    assert [p.code for p in sorted(map(Period.parse, codes))] == ["2026-Q4", "2026-H2", "2026", "2027-Q1"]


def test_neighbours_and_containing_day():
    assert Period.parse("2026-Q4").next() == Period.parse("2027-Q1")
    assert Period.parse("2026-H1").previous() == Period.parse("2025-H2")
    assert Period.parse("2026-Q2").same_last_year().code == "2025-Q2"
    assert Period.containing(datetime.date(2026, 8, 15), HALF).code == "2026-H2"
    assert Period.named(2026, "quarter", 3) == Period(2026, QUARTER, 3)
    assert [p.code for p in Period.all_in(2026, 2026, HALF)] == ["2026-H1", "2026-H2"]
