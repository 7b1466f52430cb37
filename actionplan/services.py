"""The action plan's rules: the one place that changes its state. Read functions for other apps too.

Other apps use (names kept stable):
- `current_plan()`, `plan_progress(plan, period, public=...)` → goals → measures → indicators →
  readings (`PlanProgress`), `measures_at_risk(...)`, `measure_statuses(period)`,
  `indicator_series(indicator, up_to)`, `goals_of(plan)`, `get_period(plan, code)`;
- periods are `membership.kernel.periods.Period.parse("2026-Q2")`; charts in `membership.kernel.charts`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from membership.kernel import versions
from membership.kernel.history import remember
from membership.kernel.periods import Period, PeriodError
from membership.kernel.public_cache import invalidate_public_pages
from membership.models import User

from .models import Indicator, Measure, MeasureStatus, Plan, PlanGoal, Reading, ReportingPeriod, Status
from .plan_data import first_due
from .progress import (
    TOPIC,
    GoalProgress,
    IndicatorProgress,
    MeasureProgress,
    PlanProgress,
    Point,
    current_plan,
    default_period,
    display_value,
    indicator_series,
    measure_statuses,
    measures_at_risk,
    plan_progress,
    progress_key,
    visible_periods,
)

__all__ = [
    "GoalProgress",
    "IndicatorProgress",
    "MeasureProgress",
    "PlanProgress",
    "Point",
    "current_plan",
    "default_period",
    "display_value",
    "indicator_series",
    "measure_statuses",
    "measures_at_risk",
    "plan_progress",
    "progress_key",
    "visible_periods",
]

ORDINAL_WORDS = {
    Decimal(1): ("kyllä", "yes", "ja", "valmis", "done", "klar", "1"),
    Decimal("0.5"): (
        "osittain",
        "partially",
        "partly",
        "delvis",
        "kesken",
        "in progress",
        "pågår",
        "0,5",
        "0.5",
    ),
    Decimal(0): ("ei", "no", "nej", "not done", "ei valmis", "inte klar", "0"),
}


class PlanError(ValueError):
    """A rule of the plan refused an action; the message is for the user."""


def goals_of(plan: Plan | None = None) -> QuerySet[PlanGoal]:
    """The goals of a plan (default: the current one), for choosers in other apps."""
    plan = plan or current_plan()
    return PlanGoal.objects.filter(plan=plan).select_related("strategic_goal").order_by("code")


def measures_of(plan: Plan | None = None) -> QuerySet[Measure]:
    plan = plan or current_plan()
    return Measure.objects.filter(goal__plan=plan).select_related("goal").order_by("goal__code", "order")


def check_period_in_plan(plan: Plan, spec: Period) -> None:
    if not plan.first_year <= spec.year <= plan.last_year:
        raise PlanError(
            _("The period %(code)s is outside the plan (%(first)s–%(last)s).")
            % {"code": spec.code, "first": plan.first_year, "last": plan.last_year}
        )


def get_period(plan: Plan, code: str) -> ReportingPeriod | None:
    """An existing period by code ("2026-Q2"), or None; raises PeriodError for an unreadable code."""
    spec = Period.parse(code)
    return plan.periods.filter(code=spec.code).first()


@transaction.atomic
def ensure_period(plan: Plan, code: str | Period) -> ReportingPeriod:
    """The reporting period of the plan with this code, created on first use."""
    try:
        spec = code if isinstance(code, Period) else Period.parse(code)
    except PeriodError as error:
        raise PlanError(str(error)) from error
    check_period_in_plan(plan, spec)
    period, _created = ReportingPeriod.objects.get_or_create(
        plan=plan,
        code=spec.code,
        defaults={"kind": spec.kind_name, "starts_on": spec.start, "ends_on": spec.end},
    )
    return period


def parse_value(indicator: Indicator, raw) -> Decimal:
    """A reading's value from what a person typed, checked against the indicator's scale."""
    if isinstance(raw, Decimal | int | float) and not isinstance(raw, bool):
        text = str(raw)
    else:
        text = str(raw or "").strip().lower()
    if not text:
        raise PlanError(_("Enter a value."))
    if indicator.is_ordinal:
        for value, words in ORDINAL_WORDS.items():
            if text in words:
                return value
        if indicator.kind == Indicator.Kind.DELIVERABLE:
            raise PlanError(_("Enter done, in progress or not done (or 1, 0.5, 0)."))
        raise PlanError(_("Enter yes, partially or no (or 1, 0.5, 0)."))
    try:
        value = Decimal(text.replace(" ", "").replace("\u00a0", "").replace(",", ".").rstrip("%"))
    except InvalidOperation:
        raise PlanError(_("“%(value)s” is not a number.") % {"value": raw}) from None
    if not value.is_finite():
        raise PlanError(_("“%(value)s” is not a number.") % {"value": raw})
    low, high = indicator.bounds
    if (low is not None and value < low) or (high is not None and value > high):
        if high is None:
            raise PlanError(_("The value must be at least %(low)s.") % {"low": low})
        raise PlanError(
            _("The value must be between %(low)s and %(high)s.")
            % {"low": low and low.normalize(), "high": high.normalize()}
        )
    if indicator.kind == Indicator.Kind.COUNT and value != value.to_integral_value():
        raise PlanError(_("A count must be a whole number."))
    if int(value.as_tuple().exponent) < -2:  # finite here, so a number
        raise PlanError(_("Use at most two decimals."))
    return value


def next_due_date(indicator: Indicator, after: datetime.date) -> datetime.date:
    """When the indicator's next reading is due: a month after its next period ends."""
    return first_due(indicator.frequency, after)


def _check_open(period: ReportingPeriod) -> None:
    if period.is_closed:
        raise PlanError(
            _("The period %(code)s is closed: its readings and statuses can no longer change.")
            % {"code": period.code}
        )


@transaction.atomic
def record_reading(
    indicator: Indicator,
    period: ReportingPeriod,
    value,
    *,
    acting_user: User | None,
    evidence: str = "",
    evidence_url: str = "",
    evidence_file=None,
    correction_reason: str = "",
) -> Reading:
    """Record or correct an indicator's reading for a period; a correction needs a reason."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    _check_open(period)
    if period.plan_id != indicator.measure.goal.plan_id:
        raise PlanError(_("The period does not belong to this indicator's plan."))
    number = parse_value(indicator, value)
    reading = Reading.objects.filter(indicator=indicator, period=period).first()
    if reading is None:
        reading = Reading(indicator=indicator, period=period, recorded_by=acting_user)
    elif not correction_reason.strip():
        raise PlanError(
            _("A reading already exists for %(code)s: give a reason for the correction.")
            % {"code": period.code}
        )
    reading.value = number
    reading.evidence = evidence
    reading.evidence_url = evidence_url
    if evidence_file:
        reading.evidence_file = evidence_file
    reading.correction_reason = correction_reason.strip()
    remember(reading, acting_user).save()
    if period.is_published:
        invalidate_public_pages("plan")
    due = next_due_date(indicator, max(period.ends_on, timezone.localdate()))
    if indicator.next_reading_due is None or indicator.next_reading_due < due:
        Indicator.objects.filter(pk=indicator.pk).update(next_reading_due=due)
        versions.changed(TOPIC)  # the UPDATE sent no signal
    return reading


def suggested_status(measure: Measure, period: ReportingPeriod) -> str:
    """The status the indicators suggest for a measure as of the period."""
    progress = plan_progress(measure.goal.plan, period)
    assert progress is not None  # the plan has this period
    for item in progress.measures:
        if item.measure.pk == measure.pk:
            return item.suggested
    return Status.NOT_STARTED


@transaction.atomic
def set_measure_status(
    measure: Measure,
    period: ReportingPeriod,
    status: str,
    *,
    acting_user: User | None,
    assessment: str = "",
    override_reason: str = "",
) -> MeasureStatus:
    """Set a measure's status for a period; differing from the suggestion needs a reason."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    _check_open(period)
    if status not in Status.values:
        raise PlanError(_("Choose a status."))
    suggestion = suggested_status(measure, period)
    if status != suggestion and not override_reason.strip():
        raise PlanError(
            _("The indicators suggest “%(suggested)s”: give a reason for choosing another status.")
            % {"suggested": Status(suggestion).label}
        )
    # The period's lock orders concurrent saves; one save, so one history row naming the user.
    record = MeasureStatus.objects.filter(measure=measure, period=period).first()
    record = record or MeasureStatus(measure=measure, period=period)
    record.status = status
    record.suggested_status = suggestion
    record.assessment = assessment
    record.override_reason = override_reason.strip() if status != suggestion else ""
    record.set_by = acting_user
    remember(record, acting_user).save()
    if period.is_published:
        invalidate_public_pages("plan")
    return record


@transaction.atomic
def close_period(period: ReportingPeriod, *, acting_user: User | None) -> ReportingPeriod:
    """Freeze a period: its readings and statuses stay as they are."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if not period.is_closed:
        period.is_closed = True
        period.closed_at = timezone.now()
        period.closed_by = acting_user
        period.save(update_fields=["is_closed", "closed_at", "closed_by"])
    return period


@transaction.atomic
def publish_period(period: ReportingPeriod, published: bool = True) -> ReportingPeriod:
    """Show (or hide) a period's readings and statuses to the public."""
    ReportingPeriod.objects.filter(pk=period.pk).update(is_published=published)
    versions.changed(TOPIC)  # the UPDATE sent no signal
    period.is_published = published
    invalidate_public_pages("plan")
    return period
