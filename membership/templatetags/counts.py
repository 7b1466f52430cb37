"""`{{ total|grouped }}`: a count with the locale's digit grouping (membership.kernel.counts)."""

from django import template

from ..kernel.counts import grouped

register = template.Library()
register.filter("grouped", grouped, is_safe=True)
