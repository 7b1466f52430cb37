"""Charts drawn on the server as SVG, so that the web page and the PDFs (WeasyPrint) show the same.

Every chart is `role="img"` with a title; the page puts a data table beside it for screen readers.
Colours are set as attributes (no CSS), so the SVG looks the same inline, in a PDF or as a file.
The apps turn their data into labels and numbers; the drawing is here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import count
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

LINE = "#005a9c"
BASELINE = "#595959"
TARGET = "#1b6e20"
GRID = "#d0d0d0"
TEXT = "#1a1a1a"
_ids = count(1)


def _nice_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten: axis ticks people read at a glance."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _fmt(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


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
    width: int = 480,
    height: int = 220,
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
        step = _nice_step((high - low) / 4)
        high = math.ceil(high * 1.05 / step) * step

    def y(v: float) -> float:
        return top + plot_h - (v - low) / (high - low) * plot_h

    def x(i: int) -> float:
        # Inset so that the first and last period labels fit inside the chart.
        inset = 28
        return left + (
            plot_w / 2 if len(labels) == 1 else inset + i * (plot_w - 2 * inset) / (len(labels) - 1)
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{uid}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="ap-chart" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
        f'<title id="{uid}">{escape(title)}</title>',
    ]
    if y_labels:
        ticks = sorted(y_labels)
    else:
        step = _nice_step((high - low) / 4)
        ticks = [low + step * k for k in range(int((high - low) / step + 1e-9) + 1)]
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


def stacked_bar_svg(
    title: str, segments: Sequence[tuple[str, int, str]], *, width: int = 420, height: int = 44
) -> SafeString:
    """One bar split into (label, count, colour) segments, each as wide as its share."""
    uid = f"apchart{next(_ids)}"
    total = sum(n for _label, n, _colour in segments) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{uid}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="ap-chart" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
        f'<title id="{uid}">{escape(title)}</title>',
    ]
    x = 0.0
    for label, n, colour in segments:
        if not n:
            continue
        w = width * n / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{colour}">'
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


# Horizontal bars laid out here and drawn by templates/includes/bar_chart.html (pages and PDFs).
BAR_HEIGHT = 20
GAP = 8
LABEL_WIDTH = 200
BAR_AREA = 250
VALUE_WIDTH = 110


@dataclass
class Bar:
    label: str
    value: Decimal
    previous: Decimal | None = None
    highlight: bool = False


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    items: list[dict]


def bar_chart(title: str, bars: Sequence[Bar]) -> Chart:
    """Horizontal bars; a thinner bar under each shows the previous figure when given."""
    top = max([b.value for b in bars] + [b.previous or 0 for b in bars] + [Decimal("1")])
    row_height = BAR_HEIGHT + GAP
    items = []
    for index, bar in enumerate(bars):
        y = index * row_height + GAP
        items.append(
            {
                "label": bar.label if len(bar.label) <= 30 else bar.label[:29] + "…",
                "y": y,
                "text_y": y + BAR_HEIGHT - 6,
                "label_x": LABEL_WIDTH - 6,
                "bar_x": LABEL_WIDTH,
                "width": max(1, int(Decimal(BAR_AREA) * bar.value / top)),
                "previous_width": int(Decimal(BAR_AREA) * bar.previous / top) if bar.previous else 0,
                "previous_y": y + BAR_HEIGHT - 3,
                "bar_height": BAR_HEIGHT - 4,
                "value": bar.value,
                "value_x": LABEL_WIDTH + BAR_AREA + 6,
                "highlight": bar.highlight,
            }
        )
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    return Chart(title, list(bars), width, len(bars) * row_height + GAP, items)
