from django import template

register = template.Library()


@register.filter
def dict_get(mapping: dict, key):
    return mapping.get(key, ()) if mapping else ()
