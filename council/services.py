"""Meetings, agendas, proposals and attendance: the one place that changes their state."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from membership.models import Role, User
from membership.public_api import invalidate_public_api
from membership.roles import has_role
from membership.services import council_memberships_on

from . import mail
from .models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    Meeting,
    TopicProposal,
)

# Read by the progress reports (the reports app reads other apps through their services).
from .selectors import activity_between as activity_between


class CouncilError(Exception):
    """A refused action; `code` tells the view which message to show."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class StaleEdit(CouncilError):
    def __init__(self):
        super().__init__("stale")


@dataclass(frozen=True)
class Seat:
    """A person of a seat: the principal member or a personal deputy."""

    seat: str
    is_deputy: bool
    full_name: str
    email: str
    user: User | None
    language: str
    council_membership_id: int | None = None
    body_member_id: int | None = None


def seats_of(body: Body, day: datetime.date) -> list[Seat]:
    """Who holds the body's seats on a day, deputies after their principals."""
    people: list[Seat] = []
    if body.is_council:
        for m in council_memberships_on(day):
            principal = m.deputy_of_id or m.pk
            language = m.user.preferred_language if m.user else "fi"
            people.append(
                Seat(
                    f"cm{principal}",
                    bool(m.deputy_of_id),
                    m.full_name,
                    m.email or getattr(m.user, "email", ""),
                    m.user,
                    language,
                    council_membership_id=m.pk,
                )
            )
    else:
        members = body.members.filter(starts_on__lte=day).exclude(ends_on__lt=day).select_related("user")
        for m in members:
            principal = m.deputy_of_id or m.pk
            people.append(
                Seat(
                    f"bm{principal}",
                    bool(m.deputy_of_id),
                    m.full_name,
                    m.email or getattr(m.user, "email", ""),
                    m.user,
                    m.language,
                    body_member_id=m.pk,
                )
            )
    people.sort(key=lambda s: (s.seat, s.is_deputy, s.full_name))
    return people


def is_body_member(user: User, body: Body, day: datetime.date | None = None) -> bool:
    if not user.is_authenticated:
        return False
    day = day or timezone.localdate()
    if body.is_council:
        return council_memberships_on(day).filter(user=user).exists()
    return (
        BodyMember.objects.filter(body=body, user=user, starts_on__lte=day).exclude(ends_on__lt=day).exists()
    )


def may_propose(user: User, body: Body) -> bool:
    if not user.is_authenticated:
        return False
    if has_role(user, Role.STAFF, Role.MEMBER) or is_body_member(user, body):
        return True
    return body.ngo_contacts_may_propose and has_role(user, Role.NGO_CONTACT)


@transaction.atomic
def add_body_member(member: BodyMember) -> BodyMember:
    """Save a working-group member; one who already has an account can then answer and comment."""
    if member.user is None and member.email:
        member.user = User.objects.filter(email__iexact=member.email).first()
    member.save()
    return member


# --- topic proposals -----------------------------------------------------------------------


@transaction.atomic
def propose_topic(user: User, meeting: Meeting, title: str, description: str) -> TopicProposal:
    if not may_propose(user, meeting.body):
        raise CouncilError("not_allowed")
    if not meeting.proposals_open() or meeting.state != Meeting.State.DRAFT:
        raise CouncilError("deadline")
    return TopicProposal.objects.create(
        body=meeting.body, meeting=meeting, proposer=user, title=title, description=description
    )


@transaction.atomic
def accept_proposal(proposal: TopicProposal) -> AgendaItem:
    proposal = TopicProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != TopicProposal.Status.OPEN:
        raise CouncilError("decided")
    item = add_item(
        proposal.meeting,
        title=proposal.title,
        background=proposal.description,
        is_public=proposal.body.items_public_by_default,
    )
    _decide(proposal, TopicProposal.Status.ACCEPTED, "", item)
    return item


@transaction.atomic
def merge_proposal(proposal: TopicProposal, item: AgendaItem, reason: str = "") -> None:
    proposal = TopicProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != TopicProposal.Status.OPEN:
        raise CouncilError("decided")
    if item.meeting_id != proposal.meeting_id:
        raise CouncilError("wrong_meeting")
    _decide(proposal, TopicProposal.Status.MERGED, reason, item)


@transaction.atomic
def decline_proposal(proposal: TopicProposal, reason: str) -> None:
    proposal = TopicProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != TopicProposal.Status.OPEN:
        raise CouncilError("decided")
    if not reason.strip():
        raise CouncilError("reason_needed")
    _decide(proposal, TopicProposal.Status.DECLINED, reason, None)


def _decide(proposal: TopicProposal, status: str, reason: str, item: AgendaItem | None) -> None:
    proposal.status = status
    proposal.reason = reason
    proposal.item = item
    proposal.decided_at = timezone.now()
    proposal.save()
    transaction.on_commit(lambda: mail.proposal_decided(proposal))


# --- meetings and agendas ------------------------------------------------------------------


def standard_titles(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@transaction.atomic
def create_meeting(meeting: Meeting, copy_from: Meeting | None = None) -> Meeting:
    """Save a new meeting with the body's standard items, or the items of an earlier meeting."""
    meeting.save()
    body = meeting.body
    if copy_from is not None:
        earlier = copy_from.items.filter(added_in_meeting=False).order_by("position")
        for item in earlier.prefetch_related("measures"):
            add_item(
                meeting,
                measures=list(item.measures.all()),
                title=item.title,
                presenter=item.presenter,
                background=item.background,
                proposal=item.proposal,
                is_public=item.is_public,
            )
    else:
        titles = standard_titles(body.opening_items) + standard_titles(body.closing_items)
        AgendaItem.objects.bulk_create(
            [AgendaItem(meeting=meeting, position=index, title=title) for index, title in enumerate(titles)]
        )
        renumber(meeting)
    return meeting


def renumber(meeting: Meeting) -> None:
    """§ numbers run per body per calendar year, continuing from the body's earlier meetings."""
    year = meeting.year
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    previous = (
        AgendaItem.objects.filter(
            meeting__body=meeting.body,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=meeting.starts_at,
        ).aggregate(top=Max("number"))["top"]
        or 0
    )
    items = list(meeting.items.order_by("position", "pk"))
    for index, item in enumerate(items):
        item.position = index
        item.number = previous + index + 1
    AgendaItem.objects.bulk_update(items, ["position", "number"])


def _closing_count(meeting: Meeting) -> int:
    titles = set(standard_titles(meeting.body.closing_items))
    count = 0
    for item in meeting.items.order_by("-position"):
        if item.title not in titles:
            break
        count += 1
    return count


def check_agenda_editable(meeting: Meeting) -> None:
    if meeting.state == Meeting.State.PUBLISHED:
        raise CouncilError("published")


@transaction.atomic
def add_item(meeting: Meeting, in_meeting: bool = False, **fields) -> AgendaItem:
    """Add an item before the standard closing items and renumber the agenda."""
    if not in_meeting:
        check_agenda_editable(meeting)
    count = meeting.items.count()
    position = count - _closing_count(meeting)
    meeting.items.filter(position__gte=position).update(position=F("position") + 1)
    measures = fields.pop("measures", None)
    item = AgendaItem.objects.create(
        meeting=meeting, position=position, added_in_meeting=in_meeting, **fields
    )
    if measures:
        item.measures.set(measures)
    renumber(meeting)
    item.refresh_from_db()
    return item


@transaction.atomic
def update_item(item: AgendaItem, version: int, **fields) -> AgendaItem:
    """Save an item unless someone else saved it since `version` was read."""
    check_agenda_editable(item.meeting)
    measures = fields.pop("measures", None)
    # Locked and saved (not a bare UPDATE) so that the item's history records the change.
    locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if locked.version != version:
        raise StaleEdit()
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    if measures is not None:
        locked.measures.set(measures)
    item.refresh_from_db()
    return item


@transaction.atomic
def delete_item(item: AgendaItem) -> None:
    check_agenda_editable(item.meeting)
    meeting = item.meeting
    item.delete()
    renumber(meeting)


@transaction.atomic
def move_item(item: AgendaItem, offset: int) -> None:
    meeting = item.meeting
    ids = list(meeting.items.order_by("position").values_list("pk", flat=True))
    index = ids.index(item.pk)
    target = max(0, min(len(ids) - 1, index + offset))
    ids.insert(target, ids.pop(index))
    reorder(meeting, ids)


@transaction.atomic
def reorder(meeting: Meeting, ids: list[int]) -> None:
    check_agenda_editable(meeting)
    items = {item.pk: item for item in meeting.items.all()}
    if sorted(ids) != sorted(items):
        raise CouncilError("order")
    for position, pk in enumerate(ids):
        items[pk].position = position
    AgendaItem.objects.bulk_update(items.values(), ["position"])
    renumber(meeting)


@transaction.atomic
def send_agenda(meeting: Meeting) -> int:
    """Invite the seat holders and send them the agenda with the .ics; deputies wait for an absence."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.state != Meeting.State.DRAFT:
        raise CouncilError("already_sent")
    if not meeting.items.exists():
        raise CouncilError("empty")
    for seat in seats_of(meeting.body, timezone.localdate(meeting.starts_at)):
        Attendance.objects.get_or_create(
            meeting=meeting,
            seat=seat.seat,
            full_name=seat.full_name,
            email=seat.email,
            defaults={
                "is_deputy": seat.is_deputy,
                "user": seat.user,
                "language": seat.language,
                "council_membership_id": seat.council_membership_id,
                "body_member_id": seat.body_member_id,
                "answer": Attendance.Answer.NOT_INVITED if seat.is_deputy else Attendance.Answer.WAITING,
            },
        )
    meeting.state = Meeting.State.SENT
    meeting.sent_at = timezone.now()
    meeting.save(update_fields=["state", "sent_at"])
    people = list(meeting.attendances.all())
    invited = [person for person in people if not person.is_deputy]
    deputies = [person for person in people if person.is_deputy]
    transaction.on_commit(lambda: mail.agenda_sent(meeting, invited, deputies))
    return len(invited)


@transaction.atomic
def publish_agenda(meeting: Meeting) -> None:
    if meeting.state != Meeting.State.SENT:
        raise CouncilError("not_sent")
    meeting.state = Meeting.State.PUBLISHED
    meeting.save(update_fields=["state"])
    transaction.on_commit(invalidate_public_api)


def send_due_reminders(now: datetime.datetime | None = None) -> int:
    """Remind the invited once, the body's number of days before the meeting."""
    now = now or timezone.now()
    sent = 0
    candidates = Meeting.objects.filter(
        state__in=[Meeting.State.SENT, Meeting.State.PUBLISHED],
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
    ).select_related("body")
    for meeting in candidates:
        days = meeting.body.reminder_days
        if days and meeting.starts_at - now <= datetime.timedelta(days=days):
            with transaction.atomic():
                claimed = Meeting.objects.filter(pk=meeting.pk, reminder_sent_at__isnull=True).update(
                    reminder_sent_at=now
                )
                if claimed:
                    people = list(meeting.attendances.exclude(answer__in=["absent", "not_invited"]))
                    transaction.on_commit(lambda m=meeting, p=people: mail.reminder(m, p))
                    sent += 1
    return sent
