"""How an item was handled at the meeting: conflicts of interest, the vote and dissenting opinions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from membership.kernel.history import remember
from membership.models import User

from . import review
from .minutes import ItemError, check_minutes_editable
from .models import AgendaItem, Attendance, Ballot, ConflictOfInterest, Dissent, Resolution, Vote


@dataclass
class VoteInput:
    proposals: str
    votes_for: int = 0
    votes_against: int = 0
    votes_abstained: int = 0
    # attendance pk → Ballot.Choice; when given, the counts are taken from the named votes.
    ballots: dict[int, str] = field(default_factory=dict)


@dataclass
class Handling:
    conflicted: set[int]
    conflict_ground: str = ""
    vote: VoteInput | None = None
    dissent_by: int | None = None
    dissent_text: str = ""


@transaction.atomic
def record_handling(item: AgendaItem, handling: Handling, *, acting_user: User | None = None) -> AgendaItem:
    """Save the item's conflicts, vote and a new dissent; refuse what the minutes cannot say."""
    meeting = item.meeting
    check_minutes_editable(meeting)
    item = AgendaItem.objects.select_for_update().select_related("meeting__body").get(pk=item.pk)
    rows = list(meeting.attendances.all())
    present = {a.pk for a in rows if a.present}
    if not present:
        raise ItemError("no_attendance", item)
    if not handling.conflicted <= present:
        raise ItemError("conflict_not_present", item, "conflicted")
    _save_conflicts(item, handling, acting_user)
    seats = review.present_seats(rows, present, handling.conflicted)
    if handling.vote is not None:
        _save_vote(item, handling.vote, present, handling.conflicted, seats, acting_user)
    elif hasattr(item, "vote"):
        remember(item.vote, acting_user).delete()
        if item.resolution == Resolution.VOTE:
            item.resolution = ""
            remember(item, acting_user).save()
    if handling.dissent_by is not None:
        if handling.dissent_by not in present:
            raise ItemError("dissent_not_present", item, "dissent_by")
        if handling.dissent_by in handling.conflicted:
            raise ItemError("dissent_conflicted", item, "dissent_by")
        if not handling.dissent_text.strip():
            raise ItemError("dissent_text_needed", item, "dissent_text")
        dissent = Dissent(item=item, attendance_id=handling.dissent_by, text=handling.dissent_text.strip())
        remember(dissent, acting_user).save()
    return item


def _save_conflicts(item: AgendaItem, handling: Handling, acting_user: User | None) -> None:
    for conflict in item.conflicts.exclude(attendance_id__in=handling.conflicted):
        remember(conflict, acting_user).delete()
    known = set(item.conflicts.values_list("attendance_id", flat=True))
    for attendance_id in sorted(handling.conflicted - known):
        conflict = ConflictOfInterest(item=item, attendance_id=attendance_id, ground=handling.conflict_ground)
        remember(conflict, acting_user).save()


def _save_vote(
    item: AgendaItem,
    data: VoteInput,
    present: set[int],
    conflicted: set[int],
    seats: int,
    acting_user: User | None,
) -> None:
    if not data.proposals.strip():
        raise ItemError("vote_proposals_needed", item, "vote_proposals")
    if data.ballots:
        voters = set(data.ballots)
        if voters & conflicted:
            raise ItemError("conflicted_voting", item, "ballots")
        if not voters <= present:
            raise ItemError("ballot_not_present", item, "ballots")
        counts = [sum(1 for c in data.ballots.values() if c == choice) for choice in Ballot.Choice.values]
        data.votes_for, data.votes_against, data.votes_abstained = counts
    if data.votes_for + data.votes_against + data.votes_abstained > seats:
        raise ItemError("vote_exceeds", item, "votes_for")
    vote = getattr(item, "vote", None) or Vote(item=item)
    vote.proposals = data.proposals.strip()
    vote.votes_for, vote.votes_against = data.votes_for, data.votes_against
    vote.votes_abstained = data.votes_abstained
    remember(vote, acting_user).save()
    vote.ballots.all().delete()
    Ballot.objects.bulk_create(
        Ballot(vote=vote, attendance_id=pk, choice=choice) for pk, choice in sorted(data.ballots.items())
    )
    if item.resolution != Resolution.VOTE:
        item.resolution = Resolution.VOTE
        item.version += 1
        remember(item, acting_user).save()


def present_people(rows: list[Attendance]) -> list[Attendance]:
    return [a for a in rows if a.present]
