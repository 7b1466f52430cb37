"""Translated fields: one rule for every model that keeps a text in Finnish, Swedish and English.

A model declares the three columns (`title_fi`, `title_sv`, `title_en`; a column a model has no
need of may be left out) and `title = Translated()`. Reading `obj.title` gives the column of the
active language, or Finnish, the county's working language, when that one is empty: the plan, the
council rules and organisations' registered names are always written in Finnish first.
`shown_language` tells which of the two was shown, so that templates can mark a Finnish text on a
Swedish or English page with `lang="fi"` (WCAG 3.1.2).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

FALLBACK = "fi"


def page_language() -> str:
    """The active language's two-letter code (Finnish outside a request)."""
    return (get_language() or FALLBACK)[:2]


def shown_language(obj: Any, stem: str) -> str:
    """The language in which `obj.<stem>` is shown on this page: the page's own, else Finnish."""
    language = page_language()
    return language if getattr(obj, f"{stem}_{language}", "") else FALLBACK


def translated_value(obj: Any, stem: str) -> str:
    return getattr(obj, f"{stem}_{shown_language(obj, stem)}")


class Translated:
    """A read-only attribute that gives `<name>_<language>` by the rule of this module."""

    stem: str

    def __set_name__(self, owner: type, name: str) -> None:
        self.stem = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return translated_value(obj, self.stem)
