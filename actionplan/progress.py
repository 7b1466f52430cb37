"""Read model of the plan's progress: goals → measures → indicators → readings, in a fixed number of queries.

`services.py` re-exports these functions; other apps (reports) use them from there.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from membership.kernel import versions
from membership.kernel.translated import page_language, shown_language

from .models import (
    Indicator,
    IndicatorTarget,
    Measure,
    MeasureStatus,
    Plan,
    PlanGoal,
    Reading,
    ReportingPeriod,
    Status,
)

# Worst first: a measure's suggested status is the worst of its indicators'.
SEVERITY = [Status.LATE, Status.AT_RISK, Status.ON_TRACK, Status.NOT_STARTED, Status.DONE]
AT_RISK_STATUSES = (Status.AT_RISK, Status.LATE)


def display_value(indicator: Indicator, value: Decimal | None) -> str:
    """A value as people read it: "yes", "partially", "3.8 / 5", "42 %"."""
    if value is None:
        return "–"
    if indicator.kind == Indicator.Kind.YES_PARTIAL_NO:
        return {Decimal(0): _("no"), Decimal("0.5"): _("partially"), Decimal(1): _("yes")}.get(
            Decimal(value).normalize() if value else Decimal(0), str(value)
        )
    if indicator.kind == Indicator.Kind.DELIVERABLE:
        return {Decimal(0): _("not done"), Decimal("0.5"): _("in progress"), Decimal(1): _("done")}.get(
            Decimal(value).normalize() if value else Decimal(0), str(value)
        )
    number = formats.number_format(Decimal(f"{Decimal(value).normalize():f}"), use_l10n=True)
    if indicator.kind == Indicator.Kind.GRADE:
        top = formats.number_format((indicator.scale_max or Decimal(5)).normalize(), use_l10n=True)
        return f"{number} / {top}"
    if indicator.kind == Indicator.Kind.PERCENTAGE:
        return f"{number} %"
    return number


@dataclass
class Point:
    period: ReportingPeriod
    value: Decimal


@dataclass
class IndicatorProgress:
    indicator: Indicator
    series: list[Point]
    targets: list[IndicatorTarget]
    status: str

    @property
    def latest(self) -> Point | None:
        return self.series[-1] if self.series else None

    @property
    def final_target(self) -> IndicatorTarget | None:
        finals = [t for t in self.targets if not t.is_interim]
        return finals[-1] if finals else (self.targets[-1] if self.targets else None)

    @property
    def is_numeric(self) -> bool:
        return not self.indicator.is_ordinal

    @property
    def latest_display(self) -> str:
        return display_value(self.indicator, self.latest.value if self.latest else None)

    @property
    def baseline_display(self) -> str:
        return display_value(self.indicator, self.indicator.baseline_value)

    @property
    def target_display(self) -> str:
        target = self.final_target
        if target is None:
            return "–"
        if target.value is None:
            return target.text
        return f"{display_value(self.indicator, target.value)} ({target.year})"

    @property
    def target_language(self) -> str:
        """The language of `target_display`: a target in words may be shown in its Finnish."""
        target = self.final_target
        if target is None or target.value is not None:
            return page_language()
        return shown_language(target, "text")


@dataclass
class MeasureProgress:
    measure: Measure
    indicators: list[IndicatorProgress]
    suggested: str
    recorded: MeasureStatus | None

    @property
    def status(self) -> str:
        return self.recorded.status if self.recorded else self.suggested

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def is_at_risk(self) -> bool:
        return self.status in AT_RISK_STATUSES


@dataclass
class GoalProgress:
    goal: PlanGoal
    measures: list[MeasureProgress]

    @property
    def at_risk(self) -> list[MeasureProgress]:
        return [m for m in self.measures if m.is_at_risk]


@dataclass
class PlanProgress:
    plan: Plan
    period: ReportingPeriod | None
    periods: list[ReportingPeriod]
    goals: list[GoalProgress]
    status_counts: dict[str, int] = field(default_factory=dict)

    @property
    def measures(self) -> list[MeasureProgress]:
        return [m for g in self.goals for m in g.measures]

    @property
    def status_summary(self) -> list[tuple[str, str, int]]:
        return [(s.value, str(s.label), self.status_counts.get(s.value, 0)) for s in Status]

    @property
    def fragment_key(self) -> str:
        """Every stored value the rendered progress shows, hashed, with the language.

        The progress page caches its goals and charts under this key: a new reading or status is
        a new key, so nothing needs invalidating and nothing stale is shown.
        """
        parts: list = [get_language(), _values(self.plan), self.period and self.period.pk]
        parts += [_values(p) for p in self.periods]
        for goal in self.goals:
            parts += [_values(goal.goal), _values(goal.goal.strategic_goal)]
            for m in goal.measures:
                parts += [_values(m.measure), m.suggested, m.recorded and _values(m.recorded)]
                parts += [_values(s) for s in m.measure.sub_actions.all()]
                for i in m.indicators:
                    parts += [_values(i.indicator), i.status, [_values(t) for t in i.targets]]
                    parts += [(p.period.pk, p.value) for p in i.series]
        return hashlib.sha256(repr(parts).encode()).hexdigest()


# The data version of everything the progress page shows (followed in actionplan/apps.py; the
# services that UPDATE rows move it themselves).
TOPIC = "plan-data"


def progress_key(plan: Plan, period: ReportingPeriod | None, *, public: bool) -> str | None:
    """The key of the progress page's goals and charts, known without loading the data: the plan,
    the period, whether drafts count and the data version. None when no version can be read."""
    known = versions.current([TOPIC])
    if known is None:
        return None
    return f"{get_language()}:{plan.pk}:{period.pk if period else ''}:{public}:{known[TOPIC]}"


def _values(obj) -> tuple:
    if obj is None:
        return ()
    return tuple(getattr(obj, f.attname) for f in obj._meta.concrete_fields)


def current_plan() -> Plan | None:
    """The plan in force: the newest one."""
    return Plan.objects.order_by("-first_year").first()


def visible_periods(plan: Plan, *, public: bool = False) -> list[ReportingPeriod]:
    periods = plan.periods.all()
    if public:
        periods = periods.filter(is_published=True)
    return sorted(periods, key=lambda p: p.sort_key)


def default_period(periods: list[ReportingPeriod]) -> ReportingPeriod | None:
    """The period shown unless one is chosen: the latest published one, the same for everyone;
    only when nothing is published yet (which only staff then see) the latest draft."""
    published = [p for p in periods if p.is_published]
    return (published or periods or [None])[-1]


def _expected_at(points: list[tuple[float, Decimal]], when: float) -> Decimal | None:
    """Linear interpolation between (year, value) points; the last value after the last point."""
    if not points:
        return None
    if when <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x0 <= when <= x1:
            return y0 + (y1 - y0) * Decimal(str((when - x0) / (x1 - x0)))
    return points[-1][1]


def suggest_indicator_status(
    indicator: Indicator, series: list[Point], targets: list[IndicatorTarget], first_year: int
) -> str:
    """Where the latest reading stands against the path from baseline to the targets."""
    if not series:
        return Status.NOT_STARTED
    latest = series[-1]
    sign = Decimal(-1) if indicator.lower_is_better else Decimal(1)
    valued = [t for t in targets if t.value is not None]
    start_value = indicator.baseline_value
    if start_value is None and not indicator.is_ordinal:
        if len(series) == 1:
            # The first reading sets the level that later ones are measured against.
            return Status.ON_TRACK
        start_value = series[0].value
    if start_value is None:
        start_value = Decimal(0)
    if not valued:
        # "Grows from the 2026 level": any move the right way is on track.
        return Status.ON_TRACK if sign * (latest.value - start_value) > 0 else Status.AT_RISK
    final = valued[-1]
    if sign * (latest.value - final.value) >= 0:
        return Status.DONE
    start_year = indicator.baseline_year or first_year - 1
    points = [(float(start_year) + 1, start_value)] + [(float(t.year) + 1, t.value) for t in valued]
    end = latest.period.ends_on
    when = end.year + (end.timetuple().tm_yday / 366)
    expected = _expected_at(points, when)
    if indicator.is_ordinal:
        # Yes / partially / no moves in steps of a half: expect a step only once it is due.
        expected = (expected * 2).quantize(Decimal(1), rounding=ROUND_FLOOR) / 2
    needed = sign * (expected - start_value)
    achieved = sign * (latest.value - start_value)
    if needed <= 0 or achieved >= needed * Decimal("0.9"):
        return Status.ON_TRACK
    if achieved >= needed * Decimal("0.5"):
        return Status.AT_RISK
    return Status.LATE


def suggest_measure_status(indicator_statuses: list[str]) -> str:
    if not indicator_statuses or all(s == Status.NOT_STARTED for s in indicator_statuses):
        return Status.NOT_STARTED
    if all(s == Status.DONE for s in indicator_statuses):
        return Status.DONE
    started = [s for s in indicator_statuses if s != Status.NOT_STARTED]
    return min(started, key=SEVERITY.index)


def plan_progress(
    plan: Plan | None = None, period: ReportingPeriod | None = None, *, public: bool = False
) -> PlanProgress | None:
    """The whole plan as of `period` (default: `default_period`); six queries whatever the data.

    With `public=True` only published periods count, as the public and the PDF reports see them.
    """
    plan = plan or current_plan()
    if plan is None:
        return None
    periods = visible_periods(plan, public=public)
    if period is None:
        period = default_period(periods)
    cutoff = period.sort_key if period else (datetime.date.max, 9)
    shown = {p.pk: p for p in periods if p.sort_key <= cutoff}

    goals = list(
        plan.goals.select_related("strategic_goal").prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("order").prefetch_related("sub_actions")),
        )
    )
    indicators = list(
        Indicator.objects.filter(measure__goal__plan=plan).prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year"))
        )
    )
    series: dict[int, list[Point]] = defaultdict(list)
    for reading in Reading.objects.filter(period_id__in=list(shown)).only(
        "indicator_id", "period_id", "value"
    ):
        series[reading.indicator_id].append(Point(shown[reading.period_id], reading.value))
    recorded = {}
    if period is not None and period.pk in shown:
        recorded = {s.measure_id: s for s in MeasureStatus.objects.filter(period=period)}

    by_measure: dict[int, list[IndicatorProgress]] = defaultdict(list)
    for indicator in indicators:
        points = sorted(series.get(indicator.pk, []), key=lambda p: p.period.sort_key)
        targets = list(indicator.targets.all())
        status = suggest_indicator_status(indicator, points, targets, plan.first_year)
        by_measure[indicator.measure_id].append(IndicatorProgress(indicator, points, targets, status))

    result = []
    counts: dict[str, int] = defaultdict(int)
    for goal in goals:
        measures = []
        for measure in goal.measures.all():
            items = by_measure.get(measure.pk, [])
            progress = MeasureProgress(
                measure, items, suggest_measure_status([i.status for i in items]), recorded.get(measure.pk)
            )
            counts[progress.status] += 1
            measures.append(progress)
        result.append(GoalProgress(goal, measures))
    return PlanProgress(plan, period, periods, result, dict(counts))


def measure_statuses(period: ReportingPeriod) -> dict[int, MeasureStatus]:
    """The statuses recorded for a period, by measure id."""
    return {s.measure_id: s for s in MeasureStatus.objects.filter(period=period).select_related("set_by")}


def measures_at_risk(
    plan: Plan | None = None, period: ReportingPeriod | None = None, *, public: bool = False
) -> list[MeasureProgress]:
    """Measures at risk or late as of the period (recorded status, else the suggestion)."""
    progress = plan_progress(plan, period, public=public)
    return [m for m in progress.measures if m.is_at_risk] if progress else []


def indicator_series(
    indicator: Indicator, up_to: ReportingPeriod | None = None, *, public: bool = False
) -> list[Point]:
    """One indicator's readings in period order, for a trend chart."""
    readings = Reading.objects.filter(indicator=indicator).select_related("period")
    if public:
        readings = readings.filter(period__is_published=True)
    points = [Point(r.period, r.value) for r in readings]
    if up_to is not None:
        points = [p for p in points if p.period.sort_key <= up_to.sort_key]
    return sorted(points, key=lambda p: p.period.sort_key)
