"""The ground floor's parts of a person's data: the account, contact links, nominations and seats."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calls.privacy import ERASED, PERSONAL_FIELDS, export_personal_data
from .kernel import versions
from .models import (
    AccessibilityFeedback,
    CouncilMembership,
    Invitation,
    Nomination,
    OrganisationContact,
    RoleAssignment,
    User,
)
from .personal_data import Person, register
from .readable_data import DAY, MOMENT, Field, Records, Shape, Table, labelled
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


ACCOUNT: Shape = {
    "email": labelled(User, "email"),
    "first_name": labelled(User, "first_name"),
    "last_name": labelled(User, "last_name"),
    "preferred_language": labelled(User, "preferred_language"),
    "joined": Field(_("Joined the portal"), MOMENT),
    "last_login": Field(_("Last signed in"), MOMENT),
    "roles": Table(
        _("Roles"),
        {
            "role": labelled(RoleAssignment, "role"),
            "starts_on": labelled(RoleAssignment, "starts_on", kind=DAY),
            "ends_on": labelled(RoleAssignment, "ends_on", kind=DAY),
        },
    ),
    "organisations": Table(
        _("Organisations"),
        {
            "organisation": Field(_("Organisation"), lang="fi"),
            "title": labelled(OrganisationContact, "title"),
            "primary": labelled(OrganisationContact, "is_primary"),
        },
    ),
    "invitations": Table(
        _("Invitations"),
        {
            "kind": labelled(Invitation, "kind", label=_("Kind")),
            "role": labelled(Invitation, "role"),
            "created_at": Field(_("Sent"), MOMENT),
        },
    ),
    "accessibility_feedback": Table(
        _("Accessibility feedback"),
        {"message": labelled(AccessibilityFeedback, "message"), "created_at": Field(_("Sent"), MOMENT)},
    ),
}

NOMINATIONS = Records(
    None,
    {
        "call": Field(_("Call"), lang="fi"),
        "organisation": Field(_("Organisation"), lang="fi"),
        "category": labelled(Nomination, "seat_category", lang="fi"),
        "status": labelled(Nomination, "status"),
        "as": Field(
            _("Nominated as"), choices={"representative": _("Representative"), "deputy": _("Deputy")}
        ),
        "submitted_at": labelled(Nomination, "submitted_at", kind=MOMENT),
        **{name: labelled(Nomination, name) for name in PERSONAL_FIELDS},
        "representative_capacity": labelled(Nomination, "representative_capacity"),
        "deputy_capacity": labelled(Nomination, "deputy_capacity"),
        "attachment": labelled(Nomination, "attachment"),
    },
    heading="call",
)

SEATS = Table(
    None,
    {
        "name": labelled(CouncilMembership, "full_name"),
        "organisation": labelled(CouncilMembership, "organisation", lang="fi"),
        "position": labelled(CouncilMembership, "position"),
        "starts_on": labelled(CouncilMembership, "starts_on", kind=DAY),
        "ends_on": labelled(CouncilMembership, "ends_on", kind=DAY),
    },
)


def register_parts(app: str) -> None:
    register(
        "account",
        app=app,
        title=_("Account and organisations"),
        export=export_account,
        erase=erase_account,
        order=10,
        shape=ACCOUNT,
    )
    register(
        "nominations",
        app=app,
        title=_("Nominations"),
        export=export_nominations,
        erase=erase_nominations,
        order=20,
        shape=NOMINATIONS,
    )
    register(
        "council_seats",
        app=app,
        title=_("Council seats"),
        export=export_seats,
        erase=erase_seats,
        order=30,
        shape=SEATS,
    )
