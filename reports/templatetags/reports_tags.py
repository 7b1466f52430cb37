"""Dates and charts of a report from its snapshot (a chart: an image with a text alternative)."""

import base64

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from membership.kernel.charts import line_chart_svg
from membership.kernel.dates import format_day, format_moment

register = template.Library()


# A snapshot keeps dates in ISO; they are written out under the report's language.
snapshot_date = register.filter("snapshot_date", format_day)
snapshot_moment = register.filter("snapshot_moment", format_moment)


@register.simple_tag
def indicator_chart(indicator: dict):
    chart = indicator.get("chart")
    if not chart or not chart["values"]:
        return ""
    y_labels = {float(key): label for key, label in chart["y_labels"].items()} if chart["y_labels"] else None
    svg = line_chart_svg(
        chart["title"],
        chart["labels"],
        chart["values"],
        y_min=chart["y_min"],
        y_max=chart["y_max"],
        baseline=chart["baseline"],
        target=chart["target"],
        y_labels=y_labels,
    )
    readings = ", ".join(f"{point['period']}: {point['value']}" for point in indicator["series"])
    alt = _("Trend of %(name)s. Readings %(readings)s; baseline %(baseline)s; target %(target)s.") % {
        "name": chart["title"],
        "readings": readings,
        "baseline": indicator["baseline"],
        "target": indicator["target"],
    }
    source = "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode()).decode()
    return format_html('<img class="chart" src="{}" alt="{}" width="420" height="200">', source, alt)
