"""Meetings, agendas, proposals and attendance: the one place that changes their state."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from membership.kernel.history import remember
from membership.kernel.public_cache import invalidate_public_pages
from membership.models import Role, User
from membership.queueing import send_task_on_commit
from membership.roles import has_role
from membership.services import council_memberships_on

from . import mail, numbering
from .models import (
    AgendaItem,
    Attachment,
    Attendance,
    Body,
    BodyMember,
    Meeting,
    ReviewComment,
    TopicProposal,
)

# Read by the progress reports (the reports app reads other apps through their services).
from .selectors import activity_between as activity_between
from .selectors import decisions_by_measure as decisions_by_measure


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
    proposal = TopicProposal(
        body=meeting.body, meeting=meeting, proposer=user, title=title, description=description
    )
    remember(proposal, user).save()
    return proposal


@transaction.atomic
def accept_proposal(proposal: TopicProposal, *, acting_user: User | None) -> AgendaItem:
    proposal = TopicProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != TopicProposal.Status.OPEN:
        raise CouncilError("decided")
    item = add_item(
        proposal.meeting,
        acting_user=acting_user,
        title=proposal.title,
        background=proposal.description,
        is_public=proposal.body.items_public_by_default,
    )
    _decide(proposal, TopicProposal.Status.ACCEPTED, "", item, acting_user)
    return item


@transaction.atomic
def merge_proposal(
    proposal: TopicProposal, item: AgendaItem, reason: str = "", *, acting_user: User | None
) -> None:
    proposal = TopicProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != TopicProposal.Status.OPEN:
        raise CouncilError("decided")
    if item.meeting_id != proposal.meeting_id:
        raise CouncilError("wrong_meeting")
    _decide(proposal, TopicProposal.Status.MERGED, reason, item, acting_user)


@transaction.atomic
def decline_proposal(proposal: TopicProposal, reason: str, *, acting_user: User | None) -> None:
    proposal = TopicProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != TopicProposal.Status.OPEN:
        raise CouncilError("decided")
    if not reason.strip():
        raise CouncilError("reason_needed")
    _decide(proposal, TopicProposal.Status.DECLINED, reason, None, acting_user)


def _decide(
    proposal: TopicProposal, status: str, reason: str, item: AgendaItem | None, acting_user: User | None
) -> None:
    proposal.status = status
    proposal.reason = reason
    proposal.item = item
    proposal.decided_at = timezone.now()
    remember(proposal, acting_user).save()
    transaction.on_commit(lambda: mail.proposal_decided(proposal))


@transaction.atomic
def mark_comments_read(meeting: Meeting) -> int:
    """The staff have read the members' comments on the meeting's items (the dashboard's count)."""
    return ReviewComment.objects.filter(item__meeting=meeting, read_by_staff=False).update(read_by_staff=True)


# --- meetings and agendas ------------------------------------------------------------------


def standard_titles(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@transaction.atomic
def create_meeting(
    meeting: Meeting, copy_from: Meeting | None = None, *, acting_user: User | None = None
) -> Meeting:
    """Save a new meeting with the body's standard items, or the items of an earlier meeting."""
    meeting.save()
    body = meeting.body
    if copy_from is not None:
        earlier = copy_from.items.filter(added_in_meeting=False).order_by("position")
        for item in earlier.prefetch_related("measures"):
            add_item(
                meeting,
                acting_user=acting_user,
                measures=list(item.measures.all()),
                title=item.title,
                presenter=item.presenter,
                background=item.background,
                proposal=item.proposal,
                is_public=item.is_public,
                public_title=item.public_title,
                withholding_ground=item.withholding_ground,
            )
    else:
        titles = standard_titles(body.opening_items) + standard_titles(body.closing_items)
        bulk_create_with_history(
            [AgendaItem(meeting=meeting, position=index, title=title) for index, title in enumerate(titles)],
            AgendaItem,
            default_user=acting_user,
        )
        numbering.renumber_meeting(meeting, acting_user=acting_user)
    return meeting


def _closing_count(meeting: Meeting) -> int:
    titles = set(standard_titles(meeting.body.closing_items))
    count = 0
    for item in meeting.items.order_by("-position"):
        if item.title not in titles:
            break
        count += 1
    return count


def check_agenda_editable(meeting: Meeting) -> None:
    """The texts of an agenda may be corrected until it is published (or the meeting cancelled)."""
    if meeting.state == Meeting.State.PUBLISHED:
        raise CouncilError("published")
    if meeting.state == Meeting.State.CANCELLED:
        raise CouncilError("cancelled")


def check_agenda_draft(meeting: Meeting) -> None:
    """Items are added, removed and reordered only before sending: sent § numbers are final."""
    check_agenda_editable(meeting)
    if meeting.state != Meeting.State.DRAFT:
        raise CouncilError("agenda_sent")


@transaction.atomic
def add_item(
    meeting: Meeting, in_meeting: bool = False, *, acting_user: User | None = None, **fields
) -> AgendaItem:
    """Add an item to a draft before the standard closing items, or one handled at the meeting.

    An item added at the meeting takes the next final number of the year and goes last, so that
    the minutes read in § order.
    """
    if not in_meeting:
        check_agenda_draft(meeting)
    measures = fields.pop("measures", None)
    items = list(meeting.items.order_by("position", "pk"))
    item = remember(AgendaItem(meeting=meeting, added_in_meeting=in_meeting, **fields), acting_user)
    if in_meeting:
        item.position = len(items)
        item.number = numbering.next_final_number(meeting)
        item.number_final = True
        item.series_body_id, item.series_year = meeting.body_id, meeting.year
        item.save()
    else:
        item.position = len(items) - _closing_count(meeting)
        item.save()
        items.insert(item.position, item)
        moved = [other for index, other in enumerate(items) if other.position != index]
        for index, other in enumerate(items):
            other.position = index
        numbering.save_items(moved, acting_user)
    if measures:
        item.measures.set(measures)
    numbering.renumber(meeting.body_id, meeting.year, acting_user=acting_user)
    item.refresh_from_db()
    return item


@transaction.atomic
def update_item(item: AgendaItem, version: int, *, acting_user: User | None = None, **fields) -> AgendaItem:
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
    remember(locked, acting_user).save()
    if measures is not None:
        locked.measures.set(measures)
    item.refresh_from_db()
    return item


@transaction.atomic
def delete_item(item: AgendaItem, *, acting_user: User | None = None) -> None:
    meeting = item.meeting
    check_agenda_draft(meeting)
    remember(item, acting_user).delete()
    numbering.renumber_meeting(meeting, acting_user=acting_user)


@transaction.atomic
def move_item(item: AgendaItem, offset: int, *, acting_user: User | None = None) -> None:
    meeting = item.meeting
    ids = list(meeting.items.order_by("position").values_list("pk", flat=True))
    index = ids.index(item.pk)
    target = max(0, min(len(ids) - 1, index + offset))
    ids.insert(target, ids.pop(index))
    reorder(meeting, ids, acting_user=acting_user)


@transaction.atomic
def reorder(meeting: Meeting, ids: list[int], *, acting_user: User | None = None) -> None:
    check_agenda_draft(meeting)
    items = {item.pk: item for item in meeting.items.all()}
    if sorted(ids) != sorted(items):
        raise CouncilError("order")
    moved = []
    for position, pk in enumerate(ids):
        if items[pk].position != position:
            items[pk].position = position
            moved.append(items[pk])
    numbering.save_items(moved, acting_user)
    numbering.renumber(meeting.body_id, meeting.year, acting_user=acting_user)


@transaction.atomic
def add_attachment(item: AgendaItem, upload, *, acting_user: User | None = None) -> Attachment:
    """Attach a checked upload (forms.AttachmentForm) to an item of an agenda not yet published."""
    check_agenda_editable(item.meeting)
    stored = Attachment(
        item=item, name=upload.name[:200], content_type=upload.detected_type, size=upload.size
    )
    stored.file.save(upload.name, ContentFile(upload.read()), save=False)
    remember(stored, acting_user).save()
    return stored


@transaction.atomic
def remove_attachment(stored: Attachment, *, acting_user: User | None = None) -> None:
    check_agenda_editable(stored.item.meeting)
    stored.file.delete(save=False)
    remember(stored, acting_user).delete()


@transaction.atomic
def send_agenda(meeting: Meeting, *, acting_user: User | None = None) -> int:
    """Invite the seat holders and send them the agenda with the .ics; deputies wait for an absence.

    Sending fixes the agenda's § numbers (see `numbering`). The invitations are rendered by the
    worker (`mail_agenda_invitations`): a council of dozens would otherwise keep the request waiting.
    """
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
    numbering.finalise(meeting, acting_user=acting_user)
    meeting.state = Meeting.State.SENT
    meeting.sent_at = meeting.ics_stamp = timezone.now()
    remember(meeting, acting_user).save(update_fields=["state", "sent_at", "ics_stamp"])
    from .tasks import mail_agenda_invitations  # the tasks module imports this one

    send_task_on_commit(mail_agenda_invitations)
    return meeting.attendances.filter(is_deputy=False).count()


def invitations_pending(meeting: Meeting) -> bool:
    """Sent, but the worker has not yet queued the invitations (the agenda page says so)."""
    return (
        meeting.state in (Meeting.State.SENT, Meeting.State.PUBLISHED)
        and meeting.sent_at is not None
        and meeting.invitations_queued_at is None
        and meeting.starts_at > timezone.now()
    )


def _pending_agendas() -> QuerySet[Meeting]:
    """The meetings `invitations_pending` is true of."""
    return Meeting.objects.filter(
        state__in=[Meeting.State.SENT, Meeting.State.PUBLISHED],
        sent_at__isnull=False,
        invitations_queued_at__isnull=True,
        starts_at__gt=timezone.now(),
    )


def mail_agenda_invitations() -> int:
    """The worker's part of sending agendas: render and queue the invitations not yet queued.

    One transaction per meeting, its row locked: two workers never mail a meeting twice, and a
    failure leaves it to the next run (the hourly sweep too, should the broker lose the message).
    Returns how many messages were queued.
    """
    queued = 0
    for meeting_id in _pending_agendas().values_list("pk", flat=True):
        queued += _mail_invitations(meeting_id)
    return queued


@transaction.atomic
def _mail_invitations(meeting_id: int) -> int:
    meeting = (
        (_pending_agendas().select_for_update(skip_locked=True, of=("self",)).select_related("body"))
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        return 0
    people = list(meeting.attendances.all())
    invited = [person for person in people if not person.is_deputy]
    deputies = [person for person in people if person.is_deputy]
    mail.agenda_sent(meeting, invited, deputies)
    # A bookkeeping field outside the meeting's history, like the reminder's.
    Meeting.objects.filter(pk=meeting.pk).update(invitations_queued_at=timezone.now())
    return sum(1 for person in people if person.email)


@transaction.atomic
def publish_agenda(meeting: Meeting, *, acting_user: User | None = None) -> None:
    if meeting.state != Meeting.State.SENT:
        raise CouncilError("not_sent")
    meeting.state = Meeting.State.PUBLISHED
    remember(meeting, acting_user).save(update_fields=["state"])
    invalidate_public_pages("council")


def next_stamp(meeting: Meeting) -> datetime.datetime:
    """DTSTAMP has whole seconds: a change must carry a later one than the file sent before."""
    now = timezone.now().replace(microsecond=0)
    previous = meeting.ics_stamp or meeting.sent_at
    if previous is not None and now <= previous.replace(microsecond=0):
        return previous.replace(microsecond=0) + datetime.timedelta(seconds=1)
    return now


TIME_AND_PLACE = ("starts_at", "ends_at", "place", "remote_link")


@transaction.atomic
def change_meeting(meeting: Meeting, fields: dict, *, acting_user: User | None = None) -> bool:
    """Save a meeting's time, place and deadline; tell the invited when a sent meeting moves.

    Returns whether the invited were notified. Their calendars replace the event because the
    .ics keeps its UID with a higher SEQUENCE and a new DTSTAMP.
    """
    locked = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if locked.state == Meeting.State.CANCELLED:
        raise CouncilError("cancelled")
    old_year = locked.year
    moved = any(getattr(locked, name) != value for name, value in fields.items() if name in TIME_AND_PLACE)
    for name, value in fields.items():
        setattr(locked, name, value)
    notify = moved and locked.state != Meeting.State.DRAFT
    if notify:
        locked.ics_sequence += 1
        locked.ics_stamp = next_stamp(locked)
    remember(locked, acting_user).save()
    for year in {old_year, locked.year}:
        numbering.renumber(locked.body_id, year, acting_user=acting_user)
    if notify:
        people = list(locked.attendances.all())
        transaction.on_commit(lambda: mail.meeting_changed(locked, people))
    invalidate_public_pages("council")
    meeting.refresh_from_db()
    return notify


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, acting_user: User | None = None) -> None:
    """Cancel a meeting that has not been held; the invited get a METHOD:CANCEL .ics."""
    locked = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if locked.state == Meeting.State.CANCELLED:
        raise CouncilError("cancelled")
    if locked.state == Meeting.State.PUBLISHED or locked.minutes_state != Meeting.MinutesState.DRAFT:
        raise CouncilError("cannot_cancel")
    was_sent = locked.state != Meeting.State.DRAFT
    locked.state = Meeting.State.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.ics_stamp = next_stamp(locked)
    locked.ics_sequence += 1
    remember(locked, acting_user).save()
    # A cancelled draft gives its provisional numbers back; sent numbers stay.
    numbering.renumber(locked.body_id, locked.year, acting_user=acting_user)
    if was_sent:
        people = list(locked.attendances.all())
        transaction.on_commit(lambda: mail.meeting_cancelled(locked, people))
    invalidate_public_pages("council")
    meeting.refresh_from_db()


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
                    transaction.on_commit(functools.partial(mail.reminder, meeting, people))
                    sent += 1
    return sent
