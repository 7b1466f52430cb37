"""Readings for the real action plan (loaded by the actionplan migration), through its services."""

from actionplan import services as plan_services
from actionplan.models import Indicator

VALUES = {
    "yes_partial_no": ["ei", "osittain", "osittain", "kyllä"],
    "deliverable": ["ei", "kesken", "kesken", "valmis"],
    "grade": ["3.1", "3.4", "3.6", "3.9"],
    "count": ["100", "120", "150", "180"],
    "percentage": ["20", "30", "40", "50"],
}


def record_readings(
    user, periods=("2026-Q1", "2026-Q2"), limit: int | None = None, publish: bool = True
) -> list[str]:
    """Readings of `periods`, published unless told otherwise (reports show published periods only)."""
    plan = plan_services.current_plan()
    indicators = list(Indicator.objects.filter(measure__goal__plan=plan).select_related("measure__goal"))
    for index, code in enumerate(periods):
        period = plan_services.ensure_period(plan, code)
        for indicator in indicators[:limit]:
            values = VALUES.get(indicator.kind, VALUES["count"])
            plan_services.record_reading(indicator, period, values[index % len(values)], acting_user=user)
        if publish:
            plan_services.publish_period(period)
    return [indicator.code for indicator in indicators[:limit]]
