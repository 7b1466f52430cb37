"""Object scoping of nominations: an NGO contact sees only their organisations' nominations."""

from django.db.models import QuerySet

from ..models import Nomination, NominationCall, Organisation
from ..roles import is_staff


def nominating_organisations(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(contact_links__user=user).order_by("name_fi")


def nominations_visible_to(user) -> QuerySet[Nomination]:
    if is_staff(user):
        return Nomination.objects.all()
    if not user.is_authenticated:
        return Nomination.objects.none()
    return Nomination.objects.filter(organisation__contact_links__user=user)


def calls_visible_to(user) -> QuerySet[NominationCall]:
    if is_staff(user):
        return NominationCall.objects.all()
    return NominationCall.objects.exclude(status=NominationCall.Status.DRAFT)


def deputy_organisations(category_ids) -> QuerySet[Organisation]:
    """The organisations a nomination may name as the deputy's: those of the call's categories."""
    return Organisation.objects.filter(seat_category_id__in=category_ids)
