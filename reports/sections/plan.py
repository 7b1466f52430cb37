"""The action plan: a summary of its state, and per goal and measure the indicators' readings.

Data comes from `actionplan.services.plan_progress` as of the last reporting period that ended
within the report's period; chart parameters are stored so that the charts are drawn from the snapshot.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from actionplan import services as plan_services
from membership.kernel.periods import Period
from membership.kernel.translated import shown_language

from . import register


def _progress(period: Period):
    plan = plan_services.current_plan()
    if plan is None:
        return None
    # What the board reads is what the public reads: published periods and their readings only.
    ended = [p for p in plan_services.visible_periods(plan, public=True) if p.ends_on <= period.end]
    if not ended:
        return None
    return plan_services.plan_progress(plan, ended[-1], public=True)


def _languages(obj, *stems: str) -> dict[str, str]:
    """The language each text is shown in, so that a Finnish fallback is marked (WCAG 3.1.2)."""
    return {stem: shown_language(obj, stem) for stem in stems}


def _number(value) -> float | None:
    return float(value) if value is not None else None


def _indicator(item, detailed: bool) -> dict:
    indicator = item.indicator
    latest = item.latest
    data = {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "lang": {**_languages(indicator, "name"), "target": item.target_language},
        "baseline": item.baseline_display,
        "latest": item.latest_display,
        "latest_period": latest.period.code if latest else "",
        "target": item.target_display,
        "status": item.status,
        "status_label": str(plan_services.Status(item.status).label),
    }
    if detailed:
        low, high = indicator.bounds
        target = item.final_target
        data["series"] = [
            {"period": point.period.code, "value": plan_services.display_value(indicator, point.value)}
            for point in item.series
        ]
        data["chart"] = {
            "title": f"{indicator.code} {indicator.name}",
            "labels": [point.period.code for point in item.series],
            "values": [float(point.value) for point in item.series],
            "y_min": _number(low),
            "y_max": _number(high),
            "baseline": _number(indicator.baseline_value),
            "target": _number(target.value) if target is not None else None,
            "y_labels": (
                {v: plan_services.display_value(indicator, Decimal(v)) for v in ("0", "0.5", "1")}
                if indicator.is_ordinal
                else None
            ),
        }
    return data


@register("summary", _("Summary of the action plan"), order=10)
def collect_summary(period: Period, detailed: bool) -> dict:
    progress = _progress(period)
    if progress is None or not progress.measures:
        return {
            "has_data": False,
            "note": str(_("The action plan has no reporting period that ended by then.")),
        }
    return {
        "has_data": True,
        "plan": progress.plan.title,
        "as_of": progress.period.code,
        "statuses": [{"label": label, "count": n} for _value, label, n in progress.status_summary],
        "goals": [
            {
                "code": goal.goal.code,
                "title": goal.goal.title,
                "lang": _languages(goal.goal, "title"),
                "measures": len(goal.measures),
                "at_risk": sum(1 for m in goal.measures if m.is_at_risk),
                "done": sum(1 for m in goal.measures if m.status == plan_services.Status.DONE),
            }
            for goal in progress.goals
        ],
        "at_risk": [
            {
                "code": m.measure.code,
                "title": m.measure.title,
                "lang": _languages(m.measure, "title"),
                "status_label": m.status_label,
            }
            for m in progress.measures
            if m.is_at_risk
        ],
    }


@register("goals", _("Goals, measures and indicators"), order=20)
def collect_goals(period: Period, detailed: bool) -> dict:
    progress = _progress(period)
    if progress is None or not progress.measures:
        return {
            "has_data": False,
            "note": str(_("The action plan has no reporting period that ended by then.")),
        }
    readings = sum(len(i.series) for m in progress.measures for i in m.indicators)
    return {
        "has_data": readings > 0,
        "note": str(_("No indicator has readings yet.")),
        "as_of": progress.period.code,
        "detailed": detailed,
        "goals": [
            {
                "code": goal.goal.code,
                "title": goal.goal.title,
                "strategy_indicator": goal.goal.strategy_indicator if detailed else "",
                "lang": _languages(goal.goal, "title", "strategy_indicator"),
                "measures": [
                    {
                        "code": m.measure.code,
                        "title": m.measure.title,
                        "lang": _languages(m.measure, "title"),
                        "status_label": m.status_label,
                        "at_risk": m.is_at_risk,
                        "assessment": (m.recorded.assessment if detailed and m.recorded else ""),
                        "indicators": [_indicator(item, detailed) for item in m.indicators],
                    }
                    for m in goal.measures
                ],
            }
            for goal in progress.goals
        ],
    }
