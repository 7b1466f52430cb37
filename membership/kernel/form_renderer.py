"""The form renderer (settings.FORM_RENDERER): Django's own, remembering the markup of empty controls.

An empty text box, text area, checkbox or radio group of a form is the same markup for every
user: a pure function of its template and its context (name, attributes, labels, the choices of a
fixed list). Rendering it through the template engine was most of a long form's time (the
nomination form: 20 controls, about a quarter of the page's CPU). The markup of such a control is
kept in the process, keyed by the template, the language and everything in its context.

Only a control with no value is kept, so nothing a user typed stays in memory; a control whose
context holds anything but plain values (a model instance, an error list, a whole form) is
rendered each time.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.translation import get_language

# Enough for every empty control of the portal's forms in three languages, several times over.
KEPT_CONTROLS = 4000
_PLAIN = (str, int, float, bool, type(None))


class _NotPlain(Exception):
    pass


def _plain(value: Any) -> Any:
    """A hashable copy of `value` that tells apart everything that renders differently."""
    if isinstance(value, Promise):
        value = str(value)  # the text in this request's language, safe or not as the proxy says
    if isinstance(value, _PLAIN):
        # A SafeString is written as it is, a str escaped: the type is part of the markup.
        return (type(value).__name__, value)
    if isinstance(value, dict):
        return ("dict", tuple((key, _plain(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return ("list", tuple(_plain(item) for item in value))
    raise _NotPlain


def _empty(value: Any) -> bool:
    return value in (None, "") or (isinstance(value, list | tuple) and all(v in (None, "") for v in value))


class EmptyControlRenderer(DjangoTemplates):
    def __init__(self) -> None:
        super().__init__()
        self._kept: dict[Any, str] = {}

    def render(self, template_name: str, context: dict, request=None) -> str:
        widget = context.get("widget") if request is None and len(context) == 1 else None
        if not isinstance(widget, dict) or not _empty(widget.get("value")):
            return super().render(template_name, context, request)
        try:
            key = (template_name, get_language(), _plain(widget))
        except _NotPlain:
            return super().render(template_name, context, request)
        markup = self._kept.get(key)
        if markup is None:
            markup = super().render(template_name, context, request)
            if len(self._kept) >= KEPT_CONTROLS:
                self._kept.clear()
            self._kept[key] = markup
        return markup
