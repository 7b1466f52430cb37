"""Council activity in the period: meetings held, attendance rate, decisions and topics raised."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from council import services as council_services
from membership.kernel.periods import Period

from . import register


@register("council", _("Council activity"), order=60)
def collect(period: Period, detailed: bool) -> dict:
    activity = council_services.activity_between(period.start, period.end)
    if not activity["meetings_held"] and not activity["topics_raised"]:
        return {"has_data": False, "note": str(_("The council held no meetings in this period."))}
    data = {"has_data": True, **activity}
    # Decisions traced to the plan: per measure, what the council decided in the period.
    data["by_measure"] = [
        {**entry, "decisions": [{**d, "date": d["date"].isoformat()} for d in entry["decisions"]]}
        for entry in council_services.decisions_by_measure(period.start, period.end)
    ]
    if not detailed:
        data["meetings"] = []
    return data
