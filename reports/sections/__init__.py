"""The content of a report as sections behind one small interface.

A section collects plain JSON data for a period from another app's services (the snapshot),
and a template renders that data. Rendering reads only the snapshot, so a stored run renders
the same later even after the source data has changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from membership.kernel.periods import Period

Collector = Callable[[Period, bool], dict]


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    collect: Collector  # (period, detailed) -> JSON-serialisable data with a "has_data" flag
    order: int = 50

    @property
    def template(self) -> str:
        return f"reports/sections/{self.key}.html"


REGISTRY: dict[str, Section] = {}


def register(key: str, title: Promise, order: int = 50) -> Callable[[Collector], Collector]:
    def decorator(collect: Collector) -> Collector:
        REGISTRY[key] = Section(key, title, collect, order)
        return collect

    return decorator


def all_sections() -> list[Section]:
    _load()
    return sorted(REGISTRY.values(), key=lambda section: section.order)


def section_choices() -> list[tuple[str, Promise]]:
    return [(section.key, section.title) for section in all_sections()]


def get(key: str) -> Section | None:
    _load()
    return REGISTRY.get(key)


def _load() -> None:
    from . import composition, council, grants, plan  # noqa: F401
