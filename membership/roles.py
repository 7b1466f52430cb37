"""The one place that answers "what may this person do": roles and access rules for views.

Every view in the portal declares an AccessRule, either with the `access` decorator or as
the `access_rule` of a class-based view using `RuleMixin`. The URL permission test reads these
declarations, so a view without one fails it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import Role

# The administrator may do everything the HYTE team does.
IMPLIED_ROLES = {Role.ADMIN: {Role.STAFF}}


def roles_of(user) -> frozenset[str]:
    """The roles a user holds today; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_roles_cache", None)
    if cached is not None:
        return cached
    today = timezone.localdate()
    roles: set[str] = {a.role for a in user.role_assignments.all() if a.is_active_on(today)}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    if user.contact_links.exists():
        roles.add(Role.NGO_CONTACT)
    for role in list(roles):
        roles |= IMPLIED_ROLES.get(role, set())
    user._roles_cache = frozenset(roles)
    return user._roles_cache


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_staff(user) -> bool:
    """HYTE team or administrator."""
    return has_role(user, Role.STAFF)


def is_staff_like(user) -> bool:
    """Whoever must use a second factor: the HYTE team, administrators and superusers."""
    return getattr(user, "is_authenticated", False) and (user.is_superuser or user.is_staff or is_staff(user))


@dataclass(frozen=True)
class AccessRule:
    """Who may use a view: everyone, any signed-in person, or holders of given roles."""

    login: bool = False
    roles: frozenset[str] | None = None

    def allows(self, user) -> bool:
        if not self.login:
            return True
        if not user.is_authenticated:
            return False
        return self.roles is None or has_role(user, *self.roles)

    def check(self, request) -> None:
        """Raise or redirect for a request the rule refuses; None when it may go on."""
        if self.allows(request.user):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied


PUBLIC = AccessRule()
SIGNED_IN = AccessRule(login=True)


def roles(*names: Iterable[str] | str) -> AccessRule:
    return AccessRule(login=True, roles=frozenset(names))


STAFF_ONLY = roles(Role.STAFF)
ADMIN_ONLY = roles(Role.ADMIN)


def access(rule: AccessRule) -> Callable:
    """Declare and enforce who may use a function-based view."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            refusal = rule.check(request)
            if refusal is not None:
                return refusal
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule
        return wrapped

    return decorator


class RuleMixin:
    """Declare and enforce who may use a class-based view."""

    access_rule: AccessRule

    def dispatch(self, request, *args, **kwargs):
        refusal = self.access_rule.check(request)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)
