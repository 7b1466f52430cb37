"""Dates and charts of a report from its snapshot (a chart: an image with a text alternative)."""

import base64
import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from membership.kernel.charts import line_chart_svg

register = template.Library()


# A snapshot keeps dates in ISO (it outlives the language it was made in); they are written out
# when the report is rendered, under the report's language. Text that is not ISO is shown as it is
# (the time of making was stored as text in older snapshots).
@register.filter
def snapshot_date(value: str) -> str:
    try:
        day = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return date_format(day, "SHORT_DATE_FORMAT")


@register.filter
def snapshot_moment(value: str) -> str:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return _("%(day)s at %(time)s") % {
        "day": date_format(moment, "SHORT_DATE_FORMAT"),
        "time": time_format(moment, "TIME_FORMAT"),
    }


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
