"""State changes of calls and nominations: the one place that writes them."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from ..kernel.evaluation import Scored, check_score, check_weights_total, total_of
from ..kernel.history import remember
from ..models import (
    CallCriterion,
    CallSeatRule,
    MunicipalityQuota,
    Nomination,
    NominationCall,
    NominationScore,
    User,
)
from ..notifications import absolute_url, send_mail_in_language


class CallClosed(Exception):
    """The call is not open for nominations (not yet, any more, or decided)."""


class DuplicateNomination(Exception):
    """The organisation already has a nomination in this call."""


class CallDecided(Exception):
    """A decided call is read-only."""


@transaction.atomic
def save_call(
    call: NominationCall,
    seats: dict[int, tuple[int, int]],
    quotas: dict[int, tuple[int, int | None]],
    criteria: list[tuple[str, str, Decimal]] | None = None,
) -> NominationCall:
    """Save a call with its seats per category and municipality quotas (id -> (min, max))."""
    if call.pk and NominationCall.objects.filter(pk=call.pk, status=NominationCall.Status.DECIDED).exists():
        raise CallDecided
    call.save()
    call.seat_rules.exclude(seat_category_id__in=seats).delete()
    for category_id, (low, high) in seats.items():
        CallSeatRule.objects.update_or_create(
            call=call, seat_category_id=category_id, defaults={"min_seats": low, "max_seats": high}
        )
    call.quotas.exclude(municipality_id__in=quotas).delete()
    for municipality_id, (fewest, most) in quotas.items():
        MunicipalityQuota.objects.update_or_create(
            call=call, municipality_id=municipality_id, defaults={"min_seats": fewest, "max_seats": most}
        )
    if criteria is not None:
        save_criteria(call, criteria)
    return call


@transaction.atomic
def publish_call(call: NominationCall) -> NominationCall:
    if call.is_decided:
        raise CallDecided
    call.status = NominationCall.Status.PUBLISHED
    call.save(update_fields=["status"])
    return call


def _lock_open_call(call_id: int) -> NominationCall:
    call = NominationCall.objects.select_for_update().get(pk=call_id)
    if not call.is_open():
        raise CallClosed
    return call


@transaction.atomic
def save_nomination(nomination: Nomination, user: User, submit: bool) -> Nomination:
    """Save a draft or submit; both only while the call is open. One per organisation per call."""
    _lock_open_call(nomination.call_id)
    if nomination.pk is None:
        nomination.created_by = user
    was_submitted = nomination.status == Nomination.Status.SUBMITTED
    if submit:
        nomination.status = Nomination.Status.SUBMITTED
        nomination.submitted_at = timezone.now()
    nomination.language = (translation.get_language() or "fi")[:2]
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as exc:
        raise DuplicateNomination from exc
    if submit:
        transaction.on_commit(lambda: send_receipt(nomination, user, updated=was_submitted))
    return nomination


def send_receipt(nomination: Nomination, user: User, updated: bool = False) -> None:
    with translation.override(user.preferred_language):
        url = absolute_url(reverse("membership:nomination_detail", args=[nomination.pk]))
    context = {"nomination": nomination, "call": nomination.call, "url": url, "updated": updated}
    send_mail_in_language(
        [user.email], "membership/emails/nomination_receipt", context, user.preferred_language
    )
    if nomination.representative_email.lower() != user.email.lower():
        send_mail_in_language(
            [nomination.representative_email],
            "membership/emails/nomination_receipt",
            {**context, "url": ""},
            nomination.language,
        )


@transaction.atomic
def withdraw_nomination(nomination: Nomination) -> Nomination:
    _lock_open_call(nomination.call_id)
    nomination.status = Nomination.Status.WITHDRAWN
    nomination.in_proposal = False
    nomination.save(update_fields=["status", "in_proposal", "updated_at"])
    return nomination


@transaction.atomic
def score_nomination(
    nomination: Nomination, score: int | None, comment: str, *, acting_user: User | None
) -> Nomination:
    if nomination.call.is_decided:
        raise CallDecided
    nomination.score = score
    nomination.score_comment = comment
    remember(nomination, acting_user).save(update_fields=["score", "score_comment", "updated_at"])
    return nomination


@transaction.atomic
def score_by_criteria(
    nomination: Nomination, values: list[tuple[CallCriterion, int, str]], *, acting_user: User | None
) -> Nomination:
    """Scores per published criterion; the weighted total is computed by the shared evaluation code."""
    if nomination.call.is_decided:
        raise CallDecided
    for criterion, value, comment in values:
        check_score(value, criterion.max_score)
        score = (
            NominationScore.objects.select_for_update()
            .filter(nomination=nomination, criterion=criterion)
            .first()
        )
        score = score or NominationScore(nomination=nomination, criterion=criterion)
        score.score, score.comment = value, comment
        score.scored_by, score.scored_at = acting_user, timezone.now()
        remember(score, acting_user).save()
    scores = nomination.criterion_scores.select_related("criterion")
    nomination.weighted_score = total_of(
        Scored(s.score, s.criterion.weight, s.criterion.max_score) for s in scores
    )
    remember(nomination, acting_user).save(update_fields=["weighted_score", "updated_at"])
    return nomination


@transaction.atomic
def save_criteria(call: NominationCall, criteria: list[tuple[str, str, Decimal]]) -> None:
    """Replace the call's published criteria (name in Finnish, in Swedish, weight %) until scoring starts."""
    if call.is_decided or NominationScore.objects.filter(criterion__call=call).exists():
        raise CallDecided
    if criteria:
        check_weights_total(weight for _fi, _sv, weight in criteria)
    call.scoring_criteria.all().delete()
    for order, (name_fi, name_sv, weight) in enumerate(criteria):
        CallCriterion.objects.create(call=call, name_fi=name_fi, name_sv=name_sv, weight=weight, order=order)


@transaction.atomic
def set_in_proposal(nomination: Nomination, included: bool, *, acting_user: User | None = None) -> bool:
    """Add a submitted nomination to the call's proposal or take it out; False if it already was so.

    The call's row lock orders concurrent clicks, and the nomination is read again under it: a
    double submit changes nothing the second time and records no second history row.
    """
    call = NominationCall.objects.select_for_update().get(pk=nomination.call_id)
    if call.is_decided:
        raise CallDecided
    nomination.refresh_from_db(fields=["status", "in_proposal"])
    if nomination.status != Nomination.Status.SUBMITTED:
        raise CallClosed
    if nomination.in_proposal == included:
        return False
    nomination.in_proposal = included
    remember(nomination, acting_user).save(update_fields=["in_proposal", "updated_at"])
    return True
