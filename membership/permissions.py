"""Object scoping for organisations: who sees and edits which organisation."""

from django.db.models import QuerySet

from .models import Organisation
from .roles import is_staff


def organisations_visible_to(user) -> QuerySet[Organisation]:
    if is_staff(user):
        return Organisation.objects.all()
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(contact_links__user=user)


def can_manage_organisation(user, organisation: Organisation) -> bool:
    if is_staff(user):
        return True
    return user.is_authenticated and organisation.contact_links.filter(user=user).exists()
