"""Domain rules for organisations, people and roles: the one place that changes their state."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .kernel.history import remember
from .models import (
    AccessibilityFeedback,
    Invitation,
    Organisation,
    OrganisationContact,
    RoleAssignment,
    SitePage,
    User,
)
from .notifications import absolute_url, send_mail_in_language
from .reference_data import DEFAULT_PAGE_TEXTS
from .rights import sync_rights
from .roles import roles_of

INVITATION_VALIDITY = datetime.timedelta(days=14)


class DuplicateOrganisation(Exception):
    """An organisation with this business ID is already registered."""


class InvitationError(Exception):
    pass


@transaction.atomic
def register_organisation(user: User, organisation: Organisation, m2m: dict, title: str = "") -> Organisation:
    """Save a new organisation and make the registering person its primary contact."""
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        raise DuplicateOrganisation(organisation.business_id) from exc
    for name, values in m2m.items():
        getattr(organisation, name).set(values)
    OrganisationContact.objects.create(organisation=organisation, user=user, title=title, is_primary=True)
    return organisation


@transaction.atomic
def invite_colleague(organisation: Organisation, email: str, invited_by: User) -> Invitation:
    invitation = _create_invitation(email, Invitation.Kind.ORG_CONTACT, invited_by, organisation=organisation)
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


class LastContact(Exception):
    """An organisation must keep at least one contact person."""


@transaction.atomic
def remove_contact(link: OrganisationContact) -> None:
    organisation = Organisation.objects.select_for_update().get(pk=link.organisation_id)
    if organisation.contact_links.count() <= 1:
        raise LastContact(organisation.pk)
    was_primary = link.is_primary
    link.delete()
    if was_primary:
        successor = organisation.contact_links.order_by("added_at").first()
        assert successor is not None  # more than one link was there
        successor.is_primary = True
        successor.save(update_fields=["is_primary"])


@transaction.atomic
def invite_to_role(email: str, role: str, invited_by: User) -> Invitation:
    invitation = _create_invitation(email, Invitation.Kind.ROLE, invited_by, role=role)
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


def _create_invitation(email: str, kind: str, invited_by: User, **extra) -> Invitation:
    return Invitation.objects.create(
        email=email.lower(),
        kind=kind,
        invited_by=invited_by,
        token=secrets.token_urlsafe(32),
        expires_at=timezone.now() + INVITATION_VALIDITY,
        **extra,
    )


def _send_invitation(invitation: Invitation) -> None:
    language = invitation.invited_by.preferred_language if invitation.invited_by else "fi"
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing:
        language = existing.preferred_language
    from django.utils import translation

    with translation.override(language):
        url = absolute_url(reverse("membership:invitation_accept", args=[invitation.token]))
    send_mail_in_language(
        [invitation.email],
        "membership/emails/invitation",
        {"invitation": invitation, "url": url, "validity_days": INVITATION_VALIDITY.days},
        language,
    )


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> None:
    """Link the signed-in person to what the invitation offers. The email must match."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationError("unusable")
    if user.email.lower() != invitation.email.lower():
        raise InvitationError("email")
    if invitation.kind == Invitation.Kind.ORG_CONTACT:
        OrganisationContact.objects.get_or_create(organisation=invitation.organisation, user=user)
    else:
        assign_role(user, invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


def accept_invitations_for_verified_email(user: User, verified_emails: list[str]) -> int:
    """Accept the usable invitations sent to the user's verified address (sign-in through the
    county's provider, which vouches for the address): an invited staff member gets the role."""
    addresses = {email.lower() for email in verified_emails}
    if user.email.lower() not in addresses:
        return 0
    accepted = 0
    for invitation in Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True):
        if invitation.is_usable:
            accept_invitation(invitation, user)
            accepted += 1
    return accepted


def assign_role(
    user: User,
    role: str,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    note: str = "",
) -> RoleAssignment:
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user, role=role, starts_on=starts_on, ends_on=ends_on, defaults={"note": note}
    )
    # Django's is_staff and the administrators' group only open the admin site (configuration).
    sync_rights(user)
    return assignment


@transaction.atomic
def end_role(
    assignment: RoleAssignment, ends_on: datetime.date, *, acting_user: User | None = None
) -> RoleAssignment:
    """End a role on a day; ended today or earlier, its rights (admin, sessions) end at once."""
    user = assignment.user
    roles_of(user)  # what the user held, so that sync_rights sees what is lost
    assignment.ends_on = ends_on
    remember(assignment, acting_user).save(update_fields=["ends_on"])
    sync_rights(user)
    return assignment


@transaction.atomic
def record_accessibility_feedback(
    message: str, email: str, page_url: str, language: str
) -> AccessibilityFeedback:
    feedback = AccessibilityFeedback.objects.create(
        message=message, email=email, page_url=page_url, language=language
    )
    transaction.on_commit(
        lambda: send_mail_in_language(
            settings.STAFF_NOTIFICATION_EMAILS,
            "membership/emails/accessibility_feedback",
            {"feedback": feedback},
            "fi",
        )
    )
    return feedback


@transaction.atomic
def mark_feedback_handled(feedback: AccessibilityFeedback) -> None:
    feedback.handled_at = timezone.now()
    feedback.save(update_fields=["handled_at"])


def site_page(slug: str) -> SitePage:
    page, _ = SitePage.objects.get_or_create(slug=slug, defaults=DEFAULT_PAGE_TEXTS[slug])
    return page


@transaction.atomic
def update_site_page(page: SitePage) -> SitePage:
    page.save()
    return page


def council_memberships_on(day: datetime.date):
    """The council's seat holders on a day, deputies included, with what the lists show."""
    from django.db.models import Q

    from .models import CouncilMembership

    return (
        CouncilMembership.objects.filter(starts_on__lte=day)
        .filter(Q(ended_early_on__isnull=True, ends_on__gte=day) | Q(ended_early_on__gte=day))
        .select_related("organisation", "seat_category", "user", "deputy_of")
    )
