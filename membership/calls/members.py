"""The council's seats after the decision: claiming a seat, resignation and replacement."""

from __future__ import annotations

import datetime
import secrets

from django.db import transaction

from ..kernel.history import record_update, remember
from ..kernel.public_cache import invalidate_public_pages
from ..models import CouncilMembership, User
from ..services import end_role
from .decision import grant_member_role, send_seat_invitation

Position = CouncilMembership.Position


class SeatClaimError(Exception):
    pass


@transaction.atomic
def claim_seat(token: str, user: User) -> CouncilMembership:
    """Link the signed-in person to the seat the invitation named; the email must match."""
    membership = (
        CouncilMembership.objects.select_for_update().filter(claim_token=token).order_by("pk").first()
    )
    if membership is None or not token:
        raise SeatClaimError("unknown")
    if membership.email.lower() != user.email.lower():
        raise SeatClaimError("email")
    membership.user = user
    membership.claim_token = ""
    # The person claiming is the one acting.
    remember(membership, user).save(update_fields=["user", "claim_token"])
    grant_member_role(membership, acting_user=user)
    return membership


def _end_early(
    membership: CouncilMembership, last_day: datetime.date, reason: str, acting_user: User | None
) -> None:
    """The seat and the council-member role it came with end on the same day."""
    membership.ended_early_on = last_day
    membership.end_reason = reason
    remember(membership, acting_user).save(update_fields=["ended_early_on", "end_reason"])
    # Through end_role, so that a seat ended on a past day signs its holder out at once.
    for assignment in membership.role_assignments.select_related("user"):
        end_role(assignment, last_day, acting_user=acting_user)


@transaction.atomic
def resign(
    membership: CouncilMembership,
    last_day: datetime.date,
    reason: str,
    replace_with_deputy: bool = False,
    new_name: str = "",
    new_email: str = "",
    *,
    acting_user: User | None = None,
) -> CouncilMembership | None:
    """End a seat early; optionally the deputy moves up or a new person is appointed for the rest."""
    _end_early(membership, last_day, reason, acting_user)
    invalidate_public_pages("members")
    starts_on = last_day + datetime.timedelta(days=1)
    if starts_on > membership.ends_on:
        return None
    successor_fields = None
    if replace_with_deputy:
        deputy = membership.deputies.filter(ended_early_on__isnull=True).select_related("user").first()
        if deputy is None:
            return None
        _end_early(deputy, last_day, reason, acting_user)
        successor_fields = {"user": deputy.user, "full_name": deputy.full_name, "email": deputy.email}
        organisation = deputy.organisation
    elif new_name:
        user = User.objects.filter(email__iexact=new_email).first() if new_email else None
        successor_fields = {
            "user": user,
            "full_name": new_name,
            "email": new_email.lower(),
            "claim_token": "" if user or not new_email else secrets.token_urlsafe(32),
        }
        organisation = membership.organisation
    if successor_fields is None:
        return None
    successor = CouncilMembership(
        **successor_fields,
        organisation=organisation,
        seat_category=membership.seat_category,
        position=membership.position,
        deputy_of=membership.deputy_of,
        starts_on=starts_on,
        ends_on=membership.ends_on,
        nomination=membership.nomination,
        replaces=membership,
    )
    remember(successor, acting_user).save()
    if not replace_with_deputy:
        deputies = list(membership.deputies.filter(ended_early_on__isnull=True).values_list("pk", flat=True))
        CouncilMembership.objects.filter(pk__in=deputies).update(deputy_of=successor)
        record_update(CouncilMembership, deputies, acting_user=acting_user, reason="deputy of the successor")
    grant_member_role(successor, acting_user=acting_user)
    if successor.email and not replace_with_deputy:
        call = membership.nomination.call if membership.nomination_id else None
        transaction.on_commit(lambda: send_seat_invitation(successor, call))
    return successor
