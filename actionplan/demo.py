"""Demo readings as of today: every indicator has readings for the periods that have ended, and two
measures fall behind.

Periods that have not ended (up to next year's) are open and unpublished, without readings. Periods
that ended in the last REVIEW_DAYS have readings and statuses but stay open and unpublished: the
HYTE team is still checking them (a draft that only staff see). Older ones are published and closed.
Idempotent: periods are found by code, readings and statuses that exist are left alone.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from membership.demo import DemoContext, register
from membership.kernel.periods import HALF, QUARTER, Period
from membership.models import Role

from . import services
from .models import Indicator, MeasureStatus, Reading
from .plan_data import import_plan

# These measures fall behind: 01.2 is late (its surveys fall, its processes are not started) and
# 02.2 is at risk (its survey grade grows too slowly).
LAGGING_MEASURES = {"01.2": "late", "02.2": "at_risk"}
# About one quarter: the latest quarter's readings are a draft until the team publishes them.
REVIEW_DAYS = 92


def _periods_for(frequency: str, years: range) -> list[Period]:
    if frequency == "quarter":
        return [Period(y, QUARTER, q) for y in years for q in range(1, 5) if (y, q) >= (2026, 2)]
    if frequency == "half":
        return [Period(y, HALF, h) for y in years for h in (1, 2)]
    return [Period(y) for y in years]


def _demo_value(indicator: Indicator, step: int, lagging: str, rng) -> Decimal:
    """A plausible value for the step-th reading (0, 1, …) of an indicator."""
    if indicator.is_ordinal:
        if lagging == "late":
            return Decimal(0)
        return [Decimal(0), Decimal(0), Decimal("0.5"), Decimal("0.5")][min(step, 3)]
    if indicator.kind == Indicator.Kind.GRADE:
        start = Decimal("3.2") if lagging else Decimal("3.1") + Decimal(indicator.pk % 3) / 10
        gain = {"late": Decimal("-0.1"), "at_risk": Decimal("0.15")}.get(lagging, Decimal("0.3"))
        return max(Decimal(1), min(Decimal(5), start + gain * step))
    if indicator.kind == Indicator.Kind.PERCENTAGE:
        return Decimal(40 + (0 if lagging else 5) * step)
    base = 120 if indicator.frequency == "quarter" else 6
    if lagging:
        return Decimal(base - (step if lagging == "late" else 0))
    growth = 15 if indicator.frequency == "quarter" else 2
    return Decimal(base + growth * step + rng.randint(0, 3))


@register(20, "actionplan")
@transaction.atomic
def seed_actionplan(ctx: DemoContext) -> None:
    import_plan(apps.get_model)
    plan = services.current_plan()
    staff = ctx.users.get(Role.STAFF)
    indicators = list(Indicator.objects.filter(measure__goal__plan=plan).select_related("measure__goal"))
    existing = set(Reading.objects.filter(period__plan=plan).values_list("indicator_id", "period__code"))
    today = timezone.localdate()
    years = range(plan.first_year, min(today.year + 1, plan.last_year) + 1)
    created = 0
    for indicator in indicators:
        if staff and indicator.data_owner_id is None and indicator.collection == "usage_statistics":
            Indicator.objects.filter(pk=indicator.pk).update(data_owner=staff)
        lagging = LAGGING_MEASURES.get(indicator.measure.code, "")
        for step, spec in enumerate(_periods_for(indicator.frequency, years)):
            period = services.ensure_period(plan, spec)
            if period.ends_on >= today or (indicator.pk, period.code) in existing or period.is_closed:
                continue
            services.record_reading(
                indicator,
                period,
                _demo_value(indicator, step, lagging, ctx.rng),
                acting_user=staff,
                evidence="Demo: HYTE-tiimin seurantatieto",
            )
            created += 1
    ended = plan.periods.filter(ends_on__lt=today, is_closed=False)
    statuses = 0
    for period in ended.order_by("ends_on"):
        progress = services.plan_progress(plan, period)
        recorded = set(MeasureStatus.objects.filter(period=period).values_list("measure_id", flat=True))
        for item in progress.measures:
            if item.measure.pk in recorded:
                continue
            services.set_measure_status(
                item.measure,
                period,
                item.suggested,
                acting_user=staff,
                assessment="Demo: arvio mittareiden perusteella.",
            )
            statuses += 1
    for period in ended.filter(ends_on__lt=today - datetime.timedelta(days=REVIEW_DAYS)):
        services.publish_period(period)
        services.close_period(period, acting_user=staff)
    ctx.log(f"  + {created} readings, {statuses} measure statuses")
