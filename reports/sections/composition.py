"""The council's composition at the end of the period, by seat category."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from membership.calls.vacancies import decision_record_on, members_by_home_municipality
from membership.kernel.periods import Period
from membership.services import council_memberships_on

from . import register


@register("composition", _("Council composition"), order=60)
def collect(period: Period, detailed: bool) -> dict:
    memberships = list(council_memberships_on(period.end))
    categories: dict[str, dict] = {}
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"members": 0, "deputies": 0})
    people = []
    for membership in memberships:
        category = membership.seat_category.name if membership.seat_category else str(_("Other seats"))
        categories.setdefault(category, {"name": category})
        is_deputy = membership.deputy_of_id is not None
        counts[category]["deputies" if is_deputy else "members"] += 1
        people.append(
            {
                "name": membership.full_name,
                "position": str(membership.get_position_display()),
                "organisation": membership.organisation.name if membership.organisation else "",
                "category": category,
                "deputy_of": membership.deputy_of.full_name if membership.deputy_of else "",
            }
        )
    rows = [{"category": name, **counts[name]} for name in categories]
    return {
        "has_data": bool(memberships),
        "on": period.end.isoformat(),
        "rows": rows,
        "total_members": sum(row["members"] for row in rows),
        "total_deputies": sum(row["deputies"] for row in rows),
        "people": people if detailed else [],
        "municipalities": [
            {"name": name, "members": n} for name, n in members_by_home_municipality(memberships)
        ],
        **decision_record_on(period.end),
    }
