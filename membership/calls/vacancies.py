"""Vacant seats left by a decision, and the supplementary call that seeks nominees for them only."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from ..models import CallSeatRule, DecisionReason, Municipality, NominationCall, SeatCategory, VacantSeat


class SeatsNotVacant(Exception):
    """A supplementary call asked for seats that the decided call did not leave vacant."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def open_vacancies(call: NominationCall):
    return VacantSeat.objects.filter(call=call, filled_at__isnull=True)


def vacant_counts(call: NominationCall) -> dict[int, int]:
    """Seats still vacant per seat category (id -> count), in one query."""
    rows = open_vacancies(call).values("seat_category_id").annotate(n=Count("pk"))
    return {row["seat_category_id"]: row["n"] for row in rows}


def _already_sought(call: NominationCall) -> Counter:
    """Seats that undecided supplementary calls already seek, per category."""
    sought: Counter = Counter()
    rules = CallSeatRule.objects.filter(
        call__supplementary_for=call,
        call__status__in=[NominationCall.Status.DRAFT, NominationCall.Status.PUBLISHED],
    )
    for category_id, seats in rules.values_list("seat_category_id", "max_seats"):
        sought[category_id] += seats
    return sought


@transaction.atomic
def open_supplementary_call(
    call: NominationCall,
    seats: dict[int, int],
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
) -> NominationCall:
    """A draft call for some of `call`'s vacant seats (category id -> seats), for the rest of its term."""
    call = NominationCall.objects.select_for_update().get(pk=call.pk)
    vacant = Counter(vacant_counts(call)) - _already_sought(call)
    seats = {category_id: n for category_id, n in seats.items() if n}
    names = SeatCategory.objects.in_bulk(list(seats))
    problems = [
        _("%(category)s: %(asked)s seats asked, %(vacant)s vacant.")
        % {"category": names.get(category_id, category_id), "asked": n, "vacant": vacant.get(category_id, 0)}
        for category_id, n in seats.items()
        if n > vacant.get(category_id, 0)
    ]
    if not call.is_decided:
        problems.insert(0, _("Only a decided call can have vacant seats."))
    if not seats:
        problems.append(_("Choose at least one vacant seat."))
    if problems:
        raise SeatsNotVacant(problems)
    supplementary = NominationCall.objects.create(
        supplementary_for=call,
        title_fi=f"{call.title_fi} – täydennyshaku",
        title_sv=f"{call.title_sv} – kompletterande ansökan" if call.title_sv else "",
        title_en=f"{call.title_en} – supplementary call" if call.title_en else "",
        description_fi=call.description_fi,
        description_sv=call.description_sv,
        description_en=call.description_en,
        criteria_fi=call.criteria_fi,
        criteria_sv=call.criteria_sv,
        criteria_en=call.criteria_en,
        time_commitment_fi=call.time_commitment_fi,
        time_commitment_sv=call.time_commitment_sv,
        time_commitment_en=call.time_commitment_en,
        term_starts_on=max(call.term_starts_on, closes_at.date()),
        term_ends_on=call.term_ends_on,
        opens_at=opens_at,
        closes_at=closes_at,
        personal_deputies=call.personal_deputies,
        max_consecutive_terms=call.max_consecutive_terms,
        has_chair=False,
        has_vice_chair=False,
        has_board_representative=False,
        retention_until=call.retention_until,
    )
    for category_id, n in seats.items():
        # Up to the vacant seats: a seat still without a nominee stays vacant, with no new reason needed.
        CallSeatRule.objects.create(
            call=supplementary, seat_category_id=category_id, min_seats=0, max_seats=n
        )
    return supplementary


def decision_record_on(day: datetime.date) -> dict:
    """The reasons and vacant seats of the decisions behind the council on a day (for reports)."""
    calls = NominationCall.objects.filter(
        status=NominationCall.Status.DECIDED, term_starts_on__lte=day, term_ends_on__gte=day
    )
    reasons = DecisionReason.objects.filter(call__in=calls).order_by("pk")
    vacant = VacantSeat.objects.filter(call__in=calls).filter(
        Q(filled_at__isnull=True) | Q(filled_at__date__gt=day)
    )
    return {
        "reasons": [
            {"rule": r.rule_text, "decision": str(r.get_kind_display()), "reason": r.explanation}
            for r in reasons
        ],
        "vacant_seats": [str(seat.seat_category) for seat in vacant.select_related("seat_category")],
    }


def members_by_home_municipality(memberships) -> list[tuple[str, int]]:
    """Members (not deputies) per home municipality, by the same rule as the composition board."""
    from django.db.models import prefetch_related_objects

    from .composition import home_municipality_id

    members = [m for m in memberships if m.deputy_of_id is None and m.organisation_id]
    prefetch_related_objects(members, "organisation__municipalities")
    counts: Counter = Counter(home_municipality_id(m.organisation) for m in members)
    names = {m.pk: m.name for m in Municipality.objects.all()}
    return [
        (names[pk], n) for pk, n in sorted(counts.items(), key=lambda kv: names.get(kv[0], "")) if pk in names
    ]
