from django import template

from actionplan import charts
from actionplan.models import Status
from actionplan.progress import display_value

register = template.Library()

BADGES = {
    Status.ON_TRACK: "badge-ok",
    Status.DONE: "badge-ok",
    Status.AT_RISK: "badge-warn",
    Status.LATE: "badge-error",
}


@register.simple_tag
def indicator_chart(item):
    return charts.indicator_chart_svg(item)


@register.simple_tag
def status_chart(progress):
    return charts.status_summary_svg(progress)


@register.filter
def status_badge(status: str) -> str:
    return BADGES.get(status, "")


@register.filter
def status_label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else ""


@register.simple_tag
def reading_value(indicator, value):
    return display_value(indicator, value)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)
