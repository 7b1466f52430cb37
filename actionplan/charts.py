"""The plan's charts: an indicator's trend and the measures by status (drawn by membership.kernel.charts)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from membership.kernel.charts import line_chart_svg, stacked_bar_svg

from .models import Status
from .progress import IndicatorProgress, PlanProgress, display_value

STATUS_COLOURS = {
    Status.NOT_STARTED: "#767676",
    Status.ON_TRACK: "#1b6e20",
    Status.AT_RISK: "#b35900",
    Status.LATE: "#b00020",
    Status.DONE: "#005a9c",
}


def indicator_chart_svg(item: IndicatorProgress, *, width: int = 480, height: int = 220) -> SafeString:
    """The trend chart of one indicator with its baseline and final target."""
    indicator = item.indicator
    low, high = indicator.bounds
    y_labels = None
    if indicator.is_ordinal:
        y_labels = {float(v): display_value(indicator, Decimal(v)) for v in ("0", "0.5", "1")}
    target = item.final_target
    return line_chart_svg(
        f"{indicator.code} {indicator.name}",
        [p.period.code for p in item.series],
        [float(p.value) for p in item.series],
        y_min=float(low) if low is not None else None,
        y_max=float(high) if high is not None else None,
        baseline=float(indicator.baseline_value) if indicator.baseline_value is not None else None,
        target=float(target.value) if target is not None and target.value is not None else None,
        y_labels=y_labels,
        width=width,
        height=height,
    )


def status_summary_svg(progress: PlanProgress, *, width: int = 420, height: int = 44) -> SafeString:
    """One stacked bar: how many measures are in each status."""
    segments = [(label, n, STATUS_COLOURS[value]) for value, label, n in progress.status_summary]
    return stacked_bar_svg(_("Measures by status"), segments, width=width, height=height)
