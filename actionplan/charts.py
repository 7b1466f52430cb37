"""Charts drawn on the server as SVG, so that the web page and the PDF reports (WeasyPrint) show the same.

Every chart is `role="img"` with a title; the page puts a data table beside it for screen readers.
Colours are set as attributes (no CSS), so the SVG looks the same inline, in a PDF or as a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import count
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Status
from .progress import IndicatorProgress, PlanProgress, display_value

LINE = "#005a9c"
BASELINE = "#595959"
TARGET = "#1b6e20"
GRID = "#d0d0d0"
TEXT = "#1a1a1a"
STATUS_COLOURS = {
    Status.NOT_STARTED: "#767676",
    Status.ON_TRACK: "#1b6e20",
    Status.AT_RISK: "#b35900",
    Status.LATE: "#b00020",
    Status.DONE: "#005a9c",
}
_ids = count(1)


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def line_chart_svg(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    y_min: float | None = None,
    y_max: float | None = None,
    baseline: float | None = None,
    target: float | None = None,
    y_labels: dict[float, str] | None = None,
    width: int = 420,
    height: int = 200,
) -> SafeString:
    """A line chart of values over periods with dashed baseline and target lines."""
    uid = f"apchart{next(_ids)}"
    left, right, top, bottom = 64, 12, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [v for v in (*values, baseline, target) if v is not None]
    low = y_min if y_min is not None else min(known + [0.0])
    high = y_max if y_max is not None else max(known + [1.0])
    if high <= low:
        high = low + 1
    if y_max is None:
        high += (high - low) * 0.1

    def y(v: float) -> float:
        return top + plot_h - (v - low) / (high - low) * plot_h

    def x(i: int) -> float:
        return left + (plot_w / 2 if len(labels) == 1 else i * plot_w / (len(labels) - 1))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{uid}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="ap-chart" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
        f'<title id="{uid}">{escape(title)}</title>',
    ]
    ticks = sorted(y_labels) if y_labels else [low + (high - low) * k / 4 for k in range(5)]
    for tick in ticks:
        label = y_labels[tick] if y_labels else _fmt(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
    step = max(1, len(labels) // 6)
    for i, label in enumerate(labels):
        if i % step == 0 or i == len(labels) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - 12}" text-anchor="middle" fill="{TEXT}">'
                f"{escape(label)}</text>"
            )
    for value, colour, name in ((baseline, BASELINE, _("baseline")), (target, TARGET, _("target"))):
        if value is not None:
            parts.append(
                f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="6 4"/>'
                f'<text x="{width - right - 2}" y="{y(value) - 4:.1f}" text-anchor="end" '
                f'fill="{colour}">{escape(name)}</text>'
            )
    if values:
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2.5"/>')
        parts.extend(
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{LINE}"/>' for i, v in enumerate(values)
        )
    else:
        parts.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" text-anchor="middle" '
            f'fill="{TEXT}">{escape(_("No readings yet"))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def indicator_chart_svg(item: IndicatorProgress, *, width: int = 420, height: int = 200) -> SafeString:
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
    uid = f"apchart{next(_ids)}"
    total = sum(n for _, _, n in progress.status_summary) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{uid}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="ap-chart" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
        f'<title id="{uid}">{escape(_("Measures by status"))}</title>',
    ]
    x = 0.0
    for value, label, n in progress.status_summary:
        if not n:
            continue
        w = width * n / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{STATUS_COLOURS[value]}">'
            f"<title>{escape(label)}: {n}</title></rect>"
        )
        if w > 24:
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="{height / 2 + 4:.1f}" text-anchor="middle" '
                f'fill="#ffffff" font-weight="bold">{n}</text>'
            )
        x += w
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - labels are escaped
