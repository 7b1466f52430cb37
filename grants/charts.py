"""Bar charts drawn on the server as SVG, so that they work without JavaScript and in PDFs.

Each chart is shown with a table of the same figures beside it; the SVG itself is marked as an
image with a text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

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
