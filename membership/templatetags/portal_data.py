"""Filters for the readable page of a person's data: nested JSON-ready values rendered as lists."""

from django import template

register = template.Library()


@register.filter
def is_mapping(value) -> bool:
    return isinstance(value, dict)


@register.filter
def is_list(value) -> bool:
    return isinstance(value, list | tuple)
