"""Public API: the action plan (goals, measures, indicators, targets) and, of published periods
only, the readings and the measures' statuses; also as CSV/XLSX."""

from __future__ import annotations

import datetime
from typing import Literal

from django.db.models import Prefetch
from django.utils.translation import gettext_noop
from ninja import Field, Path, Query, Router, Schema

from membership.public_api import (
    ERRORS,
    MAX_ID,
    Out,
    PageMeta,
    PageParams,
    Text,
    check_params,
    file_responses,
    keyset,
    not_found,
    portal_url,
    responses,
    table_file,
    text,
)

from .models import Indicator, IndicatorTarget, Measure, MeasureStatus, PlanGoal, Reading, ReportingPeriod
from .progress import current_plan

router = Router(tags=["action plan"])


def _decimal(value) -> str | None:
    return None if value is None else format(value.normalize(), "f")


class GoalOut(Out):
    id: int
    code: str
    title: Text
    strategic_goal: Text
    strategy_indicator: Text
    measures: list[int] = Field(description="The ids of the goal's measures.")
    url: str


class TargetOut(Out):
    year: int
    value: str | None = Field(description="A decimal string; null when the target is only written.")
    text: Text
    is_interim: bool


class IndicatorOut(Out):
    id: int
    code: str
    measure: int
    name: Text
    kind: str = Field(description="yes_partial_no, grade, count, percentage or deliverable")
    unit: Text
    direction: str = Field(description="higher or lower: which way is better")
    scale_min: str | None
    scale_max: str | None
    baseline_value: str | None = Field(description="A decimal string.")
    baseline_year: int | None
    baseline_source: str
    frequency: str
    targets: list[TargetOut]
    url: str


class MeasureOut(Out):
    id: int
    code: str
    goal: str = Field(description="The goal's code.")
    title: Text
    baseline: Text
    target: Text
    sub_actions: list[Text]
    indicators: list[IndicatorOut]
    url: str


class PeriodOut(Out):
    code: str = Field(description="2026, 2026-H1 or 2026-Q2.")
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date
    is_closed: bool


class ReadingOut(Out):
    id: int
    indicator: str = Field(description="The indicator's code.")
    measure: str
    period: str
    value: str = Field(description="A decimal string; yes/partially/no and deliverables are 1, 0.5, 0.")
    updated_at: datetime.datetime
    url: str = Field(description="The measure's page, with the indicator's trend.")


class StatusOut(Out):
    id: int
    measure: str
    period: str
    status: str = Field(description="not_started, on_track, at_risk, late or done.")
    assessment: str
    override_reason: str
    url: str


class GoalList(Out):
    items: list[GoalOut]


class MeasureList(Out):
    items: list[MeasureOut]


class PeriodList(Out):
    items: list[PeriodOut]


class ReadingPage(PageMeta):
    items: list[ReadingOut]


class StatusPage(PageMeta):
    items: list[StatusOut]


class ReadingFilters(PageParams):
    measure: str | None = Field(None, max_length=10, description="A measure's code, e.g. 01.2.")
    indicator: str | None = Field(None, max_length=12, description="An indicator's code, e.g. 01.2.c.")
    period: str | None = Field(None, max_length=10, description="A period's code, e.g. 2026-H1.")
    year: int | None = Field(None, ge=2000, le=2100, description="Periods that end in this year.")


class FileFilters(Schema):
    period: str | None = Field(None, max_length=10, description="A period's code, e.g. 2026-H1.")
    year: int | None = Field(None, ge=2000, le=2100, description="Periods that end in this year.")


class StatusFilters(PageParams):
    measure: str | None = Field(None, max_length=10)
    period: str | None = Field(None, max_length=10)
    year: int | None = Field(None, ge=2000, le=2100)


def _measures():
    return (
        Measure.objects.filter(goal__plan=current_plan())
        .select_related("goal")
        .prefetch_related(
            "sub_actions",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("order").prefetch_related(
                    Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year"))
                ),
            ),
        )
        .order_by("goal__code", "order")
    )


def indicator_out(indicator: Indicator) -> IndicatorOut:
    return IndicatorOut(
        id=indicator.pk,
        code=indicator.code,
        measure=indicator.measure_id,
        name=text(indicator, "name"),
        kind=indicator.kind,
        unit=text(indicator, "unit"),
        direction=indicator.direction,
        scale_min=_decimal(indicator.scale_min),
        scale_max=_decimal(indicator.scale_max),
        baseline_value=_decimal(indicator.baseline_value),
        baseline_year=indicator.baseline_year,
        baseline_source=indicator.baseline_source,
        frequency=indicator.frequency,
        targets=[
            TargetOut(year=t.year, value=_decimal(t.value), text=text(t, "text"), is_interim=t.is_interim)
            for t in indicator.targets.all()
        ],
        url=portal_url("actionplan:measure_detail", indicator.measure_id),
    )


def measure_out(measure: Measure) -> MeasureOut:
    return MeasureOut(
        id=measure.pk,
        code=measure.code,
        goal=measure.goal.code,
        title=text(measure, "title"),
        baseline=text(measure, "baseline"),
        target=text(measure, "target"),
        sub_actions=[text(sub, "text") for sub in measure.sub_actions.all()],
        indicators=[indicator_out(i) for i in measure.indicators.all()],
        url=portal_url("actionplan:measure_detail", measure.pk),
    )


@router.get("/plan/goals", response=responses(GoalList), summary=gettext_noop("The plan's goals"))
def list_goals(request):
    check_params(request, ())
    goals = (
        PlanGoal.objects.filter(plan=current_plan())
        .select_related("strategic_goal")
        .prefetch_related(Prefetch("measures", queryset=Measure.objects.order_by("order")))
        .order_by("code")
    )
    return GoalList(
        items=[
            GoalOut(
                id=goal.pk,
                code=goal.code,
                title=text(goal, "title"),
                strategic_goal=text(goal.strategic_goal, "title"),
                strategy_indicator=text(goal, "strategy_indicator"),
                measures=[m.pk for m in goal.measures.all()],
                url=portal_url("actionplan:progress"),
            )
            for goal in goals
        ]
    )


@router.get(
    "/plan/measures",
    response=responses(MeasureList),
    summary=gettext_noop("Measures with indicators and targets"),
)
def list_measures(request):
    check_params(request, ())
    return MeasureList(items=[measure_out(m) for m in _measures()])


@router.get(
    "/plan/measures/{measure_id}", response=responses(MeasureOut), summary=gettext_noop("One measure")
)
def get_measure(request, measure_id: int = Path(..., ge=1, le=MAX_ID)):
    check_params(request, ())
    measure = _measures().filter(pk=measure_id).first()
    if measure is None:
        raise not_found(f"measure {measure_id}")
    return measure_out(measure)


@router.get(
    "/plan/periods", response=responses(PeriodList), summary=gettext_noop("Published reporting periods")
)
def list_periods(request):
    check_params(request, ())
    periods = ReportingPeriod.objects.filter(plan=current_plan(), is_published=True)
    return PeriodList(
        items=[
            PeriodOut(
                code=p.code, kind=p.kind, starts_on=p.starts_on, ends_on=p.ends_on, is_closed=p.is_closed
            )
            for p in sorted(periods, key=lambda p: p.sort_key)
        ]
    )


def published_readings(filters: ReadingFilters):
    """Readings of published periods only, as on the public progress page."""
    readings = Reading.objects.filter(period__is_published=True, period__plan=current_plan()).select_related(
        "indicator__measure", "period"
    )
    if filters.measure:
        readings = readings.filter(indicator__measure__code=filters.measure)
    if filters.indicator:
        readings = readings.filter(indicator__code=filters.indicator)
    if filters.period:
        readings = readings.filter(period__code=filters.period)
    if filters.year:
        readings = readings.filter(period__ends_on__year=filters.year)
    return readings


def reading_out(reading: Reading) -> ReadingOut:
    return ReadingOut(
        id=reading.pk,
        indicator=reading.indicator.code,
        measure=reading.indicator.measure.code,
        period=reading.period.code,
        value=_decimal(reading.value),
        updated_at=reading.updated_at,
        url=portal_url("actionplan:measure_detail", reading.indicator.measure_id),
    )


@router.get(
    "/plan/readings",
    response=responses(ReadingPage),
    summary=gettext_noop("Indicator readings of published periods"),
)
def list_readings(request, filters: Query[ReadingFilters]):
    check_params(request, ReadingFilters.model_fields)
    rows, next_url = keyset(request, published_readings(filters), ("id",), filters)
    return ReadingPage(items=[reading_out(r) for r in rows], next=next_url, limit=filters.limit)


@router.get(
    "/plan/statuses",
    response=responses(StatusPage),
    summary=gettext_noop("Measure statuses of published periods"),
)
def list_statuses(request, filters: Query[StatusFilters]):
    check_params(request, StatusFilters.model_fields)
    statuses = MeasureStatus.objects.filter(
        period__is_published=True, period__plan=current_plan()
    ).select_related("measure", "period")
    if filters.measure:
        statuses = statuses.filter(measure__code=filters.measure)
    if filters.period:
        statuses = statuses.filter(period__code=filters.period)
    if filters.year:
        statuses = statuses.filter(period__ends_on__year=filters.year)
    rows, next_url = keyset(request, statuses, ("id",), filters)
    items = [
        StatusOut(
            id=s.pk,
            measure=s.measure.code,
            period=s.period.code,
            status=s.status,
            assessment=s.assessment,
            override_reason=s.override_reason,
            url=portal_url("actionplan:measure_detail", s.measure_id),
        )
        for s in rows
    ]
    return StatusPage(items=items, next=next_url, limit=filters.limit)


READING_HEADERS = (
    "period",
    "goal",
    "measure",
    "indicator",
    "indicator_name_fi",
    "unit_fi",
    "value",
    "status",
)


@router.get(
    "/plan/readings.{fmt}",
    response=ERRORS,
    summary=gettext_noop("Published readings as a CSV or XLSX file"),
    openapi_extra=file_responses("The readings of published periods with the measures' statuses."),
)
def readings_file(request, fmt: Literal["csv", "xlsx"], filters: Query[FileFilters]):
    check_params(request, FileFilters.model_fields)
    readings = published_readings(ReadingFilters(period=filters.period, year=filters.year))
    readings = readings.select_related("indicator__measure__goal").order_by(
        "period__ends_on", "period__starts_on", "indicator__measure__goal__code", "indicator__code"
    )
    statuses = {
        (s.measure_id, s.period_id): s.status
        for s in MeasureStatus.objects.filter(period__is_published=True, period__plan=current_plan())
    }
    rows = [
        (
            r.period.code,
            r.indicator.measure.goal.code,
            r.indicator.measure.code,
            r.indicator.code,
            r.indicator.name_fi,
            r.indicator.unit_fi,
            r.value,
            statuses.get((r.indicator.measure_id, r.period_id), ""),
        )
        for r in readings
    ]
    return table_file("toimintasuunnitelma-mittarit", fmt, READING_HEADERS, rows)
