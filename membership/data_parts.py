"""The ground floor's parts of a person's data: the account, contact links, nominations and seats."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calls.privacy import ERASED, PERSONAL_FIELDS, export_personal_data
from .kernel import versions
from .models import AccessibilityFeedback, CouncilMembership, Invitation, Nomination, OrganisationContact
from .personal_data import Person, register
from .rights import end_sessions


def export_account(person: Person) -> dict | None:
    user = person.user
    if user is None:
        return None
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "preferred_language": user.preferred_language,
        "joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "roles": [
            {"role": a.role, "starts_on": str(a.starts_on or ""), "ends_on": str(a.ends_on or "")}
            for a in user.role_assignments.all()
        ],
        "organisations": [
            {"organisation": link.organisation.name_fi, "title": link.title, "primary": link.is_primary}
            for link in OrganisationContact.objects.filter(user=user).select_related("organisation")
        ],
        "invitations": list(
            Invitation.objects.filter(email__iexact=person.email).values("kind", "role", "created_at")
        ),
        "accessibility_feedback": list(
            AccessibilityFeedback.objects.filter(email__iexact=person.email).values("message", "created_at")
        ),
    }


def erase_account(person: Person) -> int:
    count = Invitation.objects.filter(email__iexact=person.email).delete()[0]
    count += AccessibilityFeedback.objects.filter(email__iexact=person.email).update(email="")
    user = person.user
    if user is None:
        return count
    count += OrganisationContact.objects.filter(user=user).delete()[0]
    user.role_assignments.all().delete()
    user.emailaddress_set.all().delete()
    # The account stays as an empty shell, so that published records that point to it keep working.
    user.email = f"erased-{user.pk}@invalid"
    user.first_name, user.last_name = ERASED, ""
    user.is_active = user.is_staff = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.authenticator_set.all().delete()
    end_sessions(user)
    return count + 1


def export_nominations(person: Person) -> list:
    return export_personal_data(person.email)["nominations"]


def erase_nominations(person: Person) -> int:
    email = person.email
    nominations = Nomination.objects.filter(
        Q(representative_email__iexact=email) | Q(deputy_email__iexact=email)
    )
    count = 0
    for nomination in nominations:
        if nomination.representative_email.lower() == email:
            for name in PERSONAL_FIELDS:
                setattr(nomination, name, "" if name.startswith("deputy") else ERASED)
            nomination.representative_email = ""
            if nomination.attachment:
                nomination.attachment.delete(save=False)
        else:
            nomination.deputy_name, nomination.deputy_email = ERASED, ""
            nomination.deputy_phone = nomination.deputy_role = ""
        nomination.anonymised_at = timezone.now()
        nomination.save()
        count += 1
    Nomination.history.filter(Q(representative_email__iexact=email) | Q(deputy_email__iexact=email)).delete()
    return count


def export_seats(person: Person) -> list:
    return export_personal_data(person.email)["council_memberships"]


def erase_seats(person: Person) -> int:
    """Seats are the board's public decisions: the name stays, the email and the account link go."""
    match = Q(email__iexact=person.email)
    if person.user is not None:
        match |= Q(user=person.user)
    count = CouncilMembership.objects.filter(match).update(email="", claim_token="", user=None)
    versions.changed(*versions.topics_of(CouncilMembership))  # the UPDATE sent no signal
    history = CouncilMembership.history.filter(email__iexact=person.email)
    if person.user is not None:
        history = history | CouncilMembership.history.filter(user=person.user)
    history.update(email="", claim_token="", user=None)
    return count


def register_parts(app: str) -> None:
    register(
        "account",
        app=app,
        title=_("Account and organisations"),
        export=export_account,
        erase=erase_account,
        order=10,
    )
    register(
        "nominations",
        app=app,
        title=_("Nominations"),
        export=export_nominations,
        erase=erase_nominations,
        order=20,
    )
    register(
        "council_seats", app=app, title=_("Council seats"), export=export_seats, erase=erase_seats, order=30
    )
