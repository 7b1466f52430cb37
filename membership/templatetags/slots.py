from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from membership import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name: str):
    """Render what the apps registered for the page slot ``name`` (an unknown name raises)."""
    request = context.get("request")
    parts = []
    for provider in slots.providers(name):
        values = context.flatten()
        if provider.context is not None:
            values.update(provider.context(values))
        parts.append(get_template(provider.template).render(values, request))
    return mark_safe("".join(parts))  # noqa: S308 - each part is a rendered, autoescaped template
