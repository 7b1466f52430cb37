"""The board's decision on a call: council memberships, council-member roles and the emails."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from ..models import CouncilMembership, Nomination, NominationCall, Role, RoleAssignment, User
from ..notifications import absolute_url, send_mail_in_language
from ..public_api import invalidate_public_api
from .composition import build_composition
from .services import CallDecided

Position = CouncilMembership.Position


class ProposalBreaksRules(Exception):
    def __init__(self, issues):
        super().__init__("the proposal breaks the call's rules")
        self.issues = issues


@dataclass
class ExtraSeat:
    """A seat outside the NGO seats, such as the chair, named in the decision."""

    position: str
    full_name: str
    email: str


def grant_member_role(membership: CouncilMembership) -> None:
    """The council-member role for exactly the term of the seat; it lapses on its own."""
    if membership.user is None:
        return
    RoleAssignment.objects.get_or_create(
        user=membership.user,
        role=Role.MEMBER,
        starts_on=membership.starts_on,
        ends_on=membership.last_day,
        defaults={"note": f"council-membership:{membership.pk}"},
    )


def _seat(call: NominationCall, **fields) -> CouncilMembership:
    email = (fields.get("email") or "").lower()
    user = User.objects.filter(email__iexact=email).first() if email else None
    membership = CouncilMembership.objects.create(
        user=user,
        starts_on=call.term_starts_on,
        ends_on=call.term_ends_on,
        claim_token="" if user or not email else secrets.token_urlsafe(32),
        **{**fields, "email": email},
    )
    grant_member_role(membership)
    return membership


@transaction.atomic
def record_decision(
    call: NominationCall,
    body: str,
    date: datetime.date,
    section: str,
    extra_seats: list[ExtraSeat] = (),
    notify: bool = True,
) -> list[CouncilMembership]:
    """Confirm the proposal: a seat per nomination (member and deputy) and the extra seats."""
    call = NominationCall.objects.select_for_update().get(pk=call.pk)
    if call.is_decided:
        raise CallDecided
    composition = build_composition(call)
    if composition.errors:
        raise ProposalBreaksRules(composition.errors)
    if not composition.proposal:
        raise ProposalBreaksRules([])
    created: list[CouncilMembership] = []
    for nomination in composition.proposal:
        member = _seat(
            call,
            full_name=nomination.representative_name,
            email=nomination.representative_email,
            organisation=nomination.organisation,
            seat_category=nomination.seat_category,
            position=Position.MEMBER,
            nomination=nomination,
        )
        created.append(member)
        if nomination.deputy_name:
            created.append(
                _seat(
                    call,
                    full_name=nomination.deputy_name,
                    email=nomination.deputy_email,
                    organisation=nomination.deputy_organisation or nomination.organisation,
                    seat_category=nomination.seat_category,
                    position=Position.DEPUTY,
                    deputy_of=member,
                    nomination=nomination,
                )
            )
    for seat in extra_seats:
        created.append(_seat(call, full_name=seat.full_name, email=seat.email, position=seat.position))

    selected_ids = [n.pk for n in composition.proposal]
    call.nominations.filter(pk__in=selected_ids).update(status=Nomination.Status.SELECTED)
    call.nominations.filter(status=Nomination.Status.SUBMITTED).update(status=Nomination.Status.NOT_SELECTED)
    call.status = NominationCall.Status.DECIDED
    call.decision_body, call.decision_date, call.decision_section = body, date, section
    call.decided_at = timezone.now()
    call.save()
    transaction.on_commit(invalidate_public_api)
    if notify:
        transaction.on_commit(lambda: notify_outcome(call, created))
    return created


def notify_outcome(call: NominationCall, memberships: list[CouncilMembership]) -> None:
    """Invite each seat holder, then tell every nominee and NGO contact the outcome."""
    for membership in memberships:
        send_seat_invitation(membership, call)
    nominations = (
        call.nominations.filter(status__in=[Nomination.Status.SELECTED, Nomination.Status.NOT_SELECTED])
        .select_related("organisation")
        .prefetch_related("organisation__contact_links__user")
    )
    for nomination in nominations:
        context = {
            "nomination": nomination,
            "call": call,
            "selected": nomination.status == Nomination.Status.SELECTED,
        }
        people = {nomination.representative_email.lower(): nomination.language}
        if nomination.deputy_email:
            people.setdefault(nomination.deputy_email.lower(), nomination.language)
        for link in nomination.organisation.contact_links.all():
            people[link.user.email.lower()] = link.user.preferred_language
        for email, language in people.items():
            send_mail_in_language([email], "membership/emails/nomination_outcome", context, language)


def send_seat_invitation(membership: CouncilMembership, call: NominationCall | None) -> None:
    """Tell the seat holder of the seat: a link to claim it, or to the council's pages."""
    language = membership.user.preferred_language if membership.user else _nominee_language(membership)
    with translation.override(language):
        if membership.claim_token:
            url = absolute_url(reverse("membership:seat_claim", args=[membership.claim_token]))
        else:
            url = absolute_url(reverse("membership:member_list"))
    send_mail_in_language(
        [membership.email],
        "membership/emails/seat_invitation",
        {
            "membership": membership,
            "call": call,
            "url": url,
            "has_account": membership.user_id is not None,
        },
        language,
    )


def _nominee_language(membership: CouncilMembership) -> str:
    return membership.nomination.language if membership.nomination_id else "fi"
