"""What a role gives beyond the portal's own checks: Django's admin site and the open sessions.

The administrator role gives the group "Administrators", which holds every model permission, and
the staff flag; not superuser. A superuser counts as an administrator for ever (`roles_of`), so a
superuser's role could never end; a group and a flag are taken away the moment the role ends, and
the permissions they give are explicit and visible in the admin. `createsuperuser` stays for the
first administrator of an installation.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.utils import timezone

from .models import Role, User

ADMIN_GROUP = "Administrators"


def administrators_group() -> Group:
    group, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
    # Set on every grant, so that models added since are included.
    group.permissions.set(Permission.objects.all())
    return group


def sync_rights(user: User) -> None:
    """Make the staff flag, the groups and the sessions follow the roles the user holds today."""
    from .roles import roles_of

    before = getattr(user, "_roles_cache", None)
    user._roles_cache = None
    holds = roles_of(user)
    is_admin = Role.ADMIN in holds
    if user.is_staff != is_admin:
        user.is_staff = is_admin
        user.save(update_fields=["is_staff"])
    if is_admin:
        user.groups.add(administrators_group())
    else:
        user.groups.remove(*Group.objects.filter(name=ADMIN_GROUP))
    if before is not None and before - holds:
        end_sessions(user)


def end_sessions(user: User) -> int:
    """Sign the user out everywhere: a session opened with a role must not outlive it."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
