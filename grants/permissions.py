"""Who sees which grants: the HYTE team all, an NGO contact its own organisations' grants."""

from __future__ import annotations

from django.db.models import QuerySet

from membership.models import Organisation
from membership.roles import is_staff

from .models import Grant


def grants_visible_to(user) -> QuerySet[Grant]:
    if is_staff(user):
        return Grant.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Grant.objects.none()
    return Grant.objects.filter(organisation__contact_links__user=user)


def can_see_organisation_grants(user, organisation: Organisation) -> bool:
    if is_staff(user):
        return True
    return user.is_authenticated and organisation.contact_links.filter(user=user).exists()
