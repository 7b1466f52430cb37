"""Personal data, whole: each app contributes its part of a person's export and of their erasure.

Apps register a `DataPart` from their `AppConfig.ready()` (like the page slots), so the ground floor
knows no app above it. `export_person` gathers every part; `erase_person` runs every part's eraser
in one transaction and records the erasure. What the law keeps public stays: names in published
minutes and in the board's decisions (council seats, attendance of held meetings).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import CouncilMembership, User

if TYPE_CHECKING:
    from .readable_data import Shape


@dataclass(frozen=True)
class Person:
    """Whom a request is about: the email address, and the account if there is one."""

    email: str
    user: User | None


@dataclass(frozen=True)
class DataPart:
    name: str
    app: str
    title: Any  # a lazy translation
    export: Callable[[Person], Any]
    erase: Callable[[Person], int]
    order: int = 100
    shape: Shape | None = None  # how the readable page labels and shows the export


_parts: dict[str, DataPart] = {}


class CurrentMember(Exception):
    """A sitting (or incoming) council member cannot be erased: the seat must end first."""


def register(
    name: str,
    *,
    app: str,
    title,
    export: Callable[[Person], Any],
    erase: Callable[[Person], int],
    order: int = 100,
    shape: Shape | None = None,
) -> None:
    _parts[name] = DataPart(name, app, title, export, erase, order, shape)


def parts() -> list[DataPart]:
    return sorted(_parts.values(), key=lambda p: (p.order, p.name))


def person(email: str) -> Person:
    email = email.strip().lower()
    return Person(email, User.objects.filter(email__iexact=email).first())


def export_person(email: str) -> dict[str, Any]:
    subject = person(email)
    return {
        "email": subject.email,
        "exported_at": timezone.now().isoformat(),
        "parts": {part.name: part.export(subject) for part in parts()},
    }


def is_current_member(subject: Person) -> bool:
    today = timezone.localdate()
    match = Q(email__iexact=subject.email)
    if subject.user is not None:
        match |= Q(user=subject.user)
    seats = CouncilMembership.objects.filter(match, ends_on__gte=today)
    return seats.filter(Q(ended_early_on__isnull=True) | Q(ended_early_on__gte=today)).exists()


def subject_key(email: str) -> str:
    """The erasure record names the person only by a hash, so that it keeps no personal data itself."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@transaction.atomic
def erase_person(email: str, *, acting_user: User, reason: str):
    from .models import Erasure

    subject = person(email)
    if is_current_member(subject):
        raise CurrentMember
    # The account goes last: the other parts find the person's records through it.
    counts = {part.name: part.erase(subject) for part in sorted(parts(), key=lambda p: p.name == "account")}
    return Erasure.objects.create(
        subject_key=subject_key(subject.email), reason=reason, erased_by=acting_user, counts=counts
    )
