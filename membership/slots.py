"""Page slots: the places on a lower floor's pages that the apps above fill.

The app that owns a page declares its slots (``declare``). Each app registers what it contributes
from its ``AppConfig.ready()`` (``register``), so the lower floor never names an upper floor's
template. Templates render a slot with ``{% slot "name" %}`` (``membership/templatetags/slots.py``).
A system check (``check_slots``) fails on a slot without a provider, a provider for an undeclared
slot and a provider whose template is missing: nothing is hidden by a silent include.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

ContextFunction = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Slot:
    name: str
    owner: str
    description: str


@dataclass(frozen=True)
class Provider:
    slot: str
    app: str
    template: str
    order: int = 100
    # Extra context computed from the page's context (e.g. the measure on a measure page).
    context: ContextFunction | None = None


_slots: dict[str, Slot] = {}
_providers: dict[str, list[Provider]] = {}


def declare(name: str, *, owner: str, description: str) -> None:
    _slots[name] = Slot(name, owner, description)


def register(
    slot: str, template: str, *, app: str, order: int = 100, context: ContextFunction | None = None
) -> None:
    providers = _providers.setdefault(slot, [])
    # ready() may run more than once in tests: registering the same template twice is one provider.
    providers[:] = [p for p in providers if p.template != template]
    providers.append(Provider(slot, app, template, order, context))
    providers.sort(key=lambda p: (p.order, p.app, p.template))


def slots() -> dict[str, Slot]:
    return dict(_slots)


def providers(slot: str) -> list[Provider]:
    if slot not in _slots:
        raise KeyError(f"No page slot named {slot!r} has been declared.")
    return list(_providers.get(slot, []))


@checks.register()
def check_slots(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for name in _slots:
        if not _providers.get(name):
            errors.append(checks.Error(f"Page slot {name!r} has no provider.", id="membership.E101"))
    for name, registered in _providers.items():
        if name not in _slots:
            errors.append(
                checks.Error(f"A provider fills the undeclared page slot {name!r}.", id="membership.E102")
            )
        for provider in registered:
            try:
                get_template(provider.template)
            except TemplateDoesNotExist:
                errors.append(
                    checks.Error(
                        f"The template {provider.template!r} of {provider.app}'s provider for the page "
                        f"slot {name!r} does not exist.",
                        id="membership.E103",
                    )
                )
    return errors
