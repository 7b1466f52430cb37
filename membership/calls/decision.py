"""The board's decision on a call: council memberships, council-member roles and the emails."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from ..kernel.history import record_update, remember
from ..kernel.public_cache import invalidate_public_pages
from ..models import (
    CouncilMembership,
    DecisionReason,
    Nomination,
    NominationCall,
    Role,
    RoleAssignment,
    User,
    VacantSeat,
)
from ..notifications import absolute_url, send_mail_in_language
from .composition import build_composition
from .services import CallDecided

Position = CouncilMembership.Position


class ProposalBreaksRules(Exception):
    """The proposal is empty, or breaks rules for which the board gave no reason."""

    def __init__(self, issues):
        super().__init__("the proposal breaks the call's rules")
        self.issues = issues


@dataclass(frozen=True)
class Reason:
    """The board's reason for one broken rule: what it decided (DecisionReason.Kind) and why."""

    kind: str
    explanation: str


@dataclass
class ExtraSeat:
    """A seat outside the NGO seats, such as the chair, named in the decision."""

    position: str
    full_name: str
    email: str


def grant_member_role(membership: CouncilMembership, *, acting_user: User | None) -> None:
    """The council-member role for exactly the term of the seat; it lapses on its own.

    The callers hold the seat (created in their transaction, or locked), so one role per seat.
    """
    if membership.user is None or membership.role_assignments.exists():
        return
    assignment = RoleAssignment(
        user=membership.user,
        role=Role.MEMBER,
        starts_on=membership.starts_on,
        ends_on=membership.last_day,
        council_membership=membership,
    )
    remember(assignment, acting_user).save()


def _seat(call: NominationCall, acting_user: User | None, **fields) -> CouncilMembership:
    email = (fields.get("email") or "").lower()
    user = User.objects.filter(email__iexact=email).first() if email else None
    membership = CouncilMembership(
        user=user,
        starts_on=call.term_starts_on,
        ends_on=call.term_ends_on,
        claim_token="" if user or not email else secrets.token_urlsafe(32),
        **{**fields, "email": email},
    )
    remember(membership, acting_user).save()
    grant_member_role(membership, acting_user=acting_user)
    return membership


@transaction.atomic
def record_decision(
    call: NominationCall,
    body: str,
    date: datetime.date,
    section: str,
    extra_seats: list[ExtraSeat] = (),
    notify: bool = True,
    reasons: dict[str, Reason] | None = None,
    *,
    acting_user: User | None,
) -> list[CouncilMembership]:
    """Confirm the proposal: a seat per nomination (member and deputy) and the extra seats.

    Every rule the proposal breaks needs the board's reason (`reasons`, by RuleIssue.key); a
    category left short with a "vacant" or "supplementary call" reason gets its vacant seats.
    Every row it writes, the nominations' outcomes too, has a history row naming `acting_user`.
    """
    call = NominationCall.objects.select_for_update().get(pk=call.pk)
    if call.is_decided:
        raise CallDecided
    composition = build_composition(call)
    reasons = reasons or {}
    unexplained = [issue for issue in composition.errors if issue.key not in reasons]
    if unexplained:
        raise ProposalBreaksRules(unexplained)
    if not composition.proposal:
        raise ProposalBreaksRules([])
    created: list[CouncilMembership] = []
    for nomination in composition.proposal:
        member = _seat(
            call,
            acting_user,
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
                    acting_user,
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
        created.append(
            _seat(call, acting_user, full_name=seat.full_name, email=seat.email, position=seat.position)
        )
    _record_reasons(call, composition, reasons, acting_user)
    if call.supplementary_for_id:
        _fill_vacancies(call, [m for m in created if m.position == Position.MEMBER], acting_user)

    selected_ids = [n.pk for n in composition.proposal]
    others = call.nominations.filter(status=Nomination.Status.SUBMITTED).exclude(pk__in=selected_ids)
    not_selected_ids = list(others.values_list("pk", flat=True))
    _set_outcome(selected_ids, Nomination.Status.SELECTED, acting_user)
    _set_outcome(not_selected_ids, Nomination.Status.NOT_SELECTED, acting_user)
    call.status = NominationCall.Status.DECIDED
    call.decision_body, call.decision_date, call.decision_section = body, date, section
    call.decided_at = timezone.now()
    remember(call, acting_user).save()
    invalidate_public_pages("members")
    if notify:
        transaction.on_commit(lambda: notify_outcome(call, created))
    return created


def _set_outcome(pks: list[int], status: str, acting_user: User | None) -> None:
    """One UPDATE and one INSERT of history rows, however many nominations the call had."""
    Nomination.objects.filter(pk__in=pks).update(status=status)
    record_update(Nomination, pks, acting_user=acting_user, reason="decision of the call")


def _record_reasons(
    call: NominationCall, composition, reasons: dict[str, Reason], acting_user: User | None
) -> None:
    rows = {row.rule.seat_category_id: row for row in composition.categories}
    for issue in composition.errors:
        reason = DecisionReason(
            call=call,
            rule=issue.rule,
            issue_key=issue.key,
            rule_text=issue.message,
            kind=reasons[issue.key].kind,
            explanation=reasons[issue.key].explanation,
        )
        remember(reason, acting_user).save()
        row = rows.get(issue.category_id)
        if issue.rule == "category_min" and row is not None and reason.leaves_seats_vacant:
            missing = row.rule.min_seats - len(row.proposed)
            # One by one, so that each vacant seat has its history row.
            for _ in range(missing):
                vacant = VacantSeat(call=call, seat_category_id=issue.category_id, reason=reason)
                remember(vacant, acting_user).save()


def _fill_vacancies(call: NominationCall, members: list[CouncilMembership], acting_user: User | None) -> None:
    """Each member a supplementary call's decision seats fills a vacant seat of its category."""
    open_seats = list(
        VacantSeat.objects.select_for_update().filter(
            call_id=call.supplementary_for_id, filled_at__isnull=True
        )
    )
    now = timezone.now()
    for member in members:
        seat = next((s for s in open_seats if s.seat_category_id == member.seat_category_id), None)
        if seat is None:
            continue
        open_seats.remove(seat)
        seat.filled_by_call, seat.filled_by, seat.filled_at = call, member, now
        remember(seat, acting_user).save(update_fields=["filled_by_call", "filled_by", "filled_at"])


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
