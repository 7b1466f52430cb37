"""Council bodies and their meetings: calendar, topic proposals, agendas, attendance and minutes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from membership.kernel.files import RandomPath
from membership.models import CouncilMembership, TranslatedNameMixin


class Body(TranslatedNameMixin):
    """The council, or a working group or working committee that it sets up."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("council")
        WORKING_GROUP = "working_group", _("working group")
        COMMITTEE = "committee", _("working committee")

    class Quorum(models.TextChoices):
        MAJORITY = "majority", _("more than half of the seats")
        HALF = "half", _("at least half of the seats")
        FIXED = "fixed", _("a fixed number of seats")

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKING_GROUP)
    language = models.CharField(
        _("language of documents"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    quorum_rule = models.CharField(
        _("quorum rule"), max_length=10, choices=Quorum.choices, default=Quorum.MAJORITY
    )
    quorum_seats = models.PositiveSmallIntegerField(
        _("seats needed for a quorum"), default=0, help_text=_("Used with the fixed-number rule.")
    )
    ngo_contacts_may_propose = models.BooleanField(
        _("NGO contacts may propose topics"),
        default=False,
        help_text=_("Any signed-in contact person of an organisation may then propose topics."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder days before the meeting"), default=2, help_text=_("0 sends no reminder.")
    )
    items_public_by_default = models.BooleanField(_("agenda items are public by default"), default=True)
    opening_items = models.TextField(
        _("standard opening items"), blank=True, help_text=_("One title per line, added to every new agenda.")
    )
    closing_items = models.TextField(
        _("standard closing items"), blank=True, help_text=_("One title per line, added to every new agenda.")
    )
    seat_count = models.PositiveSmallIntegerField(
        _("seats in the rules"),
        default=0,
        help_text=_(
            "The number of seats the body's rules define; the quorum is counted from it, so vacancies "
            "do not lower it. 0 counts the members on the roster."
        ),
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind", "name_fi"]

    @property
    def is_council(self) -> bool:
        return self.kind == self.Kind.COUNCIL


class BodyMember(models.Model):
    """A member of a working group or committee; may be someone outside the council."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fi")
    deputy_of = models.ForeignKey(
        "self",
        verbose_name=_("deputy of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deputies",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("member of a body")
        verbose_name_plural = _("members of bodies")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class CalendarEvent(models.Model):
    """A dated event of the annual calendar besides meetings: deadlines, grant rounds, calls."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report deadline")
        GRANT = "grant", _("grant round")
        CALL = "call", _("nomination call")
        OTHER = "other", _("other")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("calendar event")
        verbose_name_plural = _("calendar events")
        ordering = ["date"]

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent to members")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    class MinutesState(models.TextChoices):
        DRAFT = "draft", _("draft")
        CHECKING = "checking", _("with the checkers")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    remote_link = models.URLField(_("remote meeting link"), blank=True)
    agenda_deadline = models.DateField(
        _("deadline for topics"), help_text=_("Members propose topics for the agenda until this day.")
    )
    state = models.CharField(_("agenda state"), max_length=10, choices=State.choices, default=State.DRAFT)
    minutes_state = models.CharField(
        _("minutes state"), max_length=10, choices=MinutesState.choices, default=MinutesState.DRAFT
    )
    minutes_kind = models.CharField(
        _("kind of record"),
        max_length=10,
        choices=[("minutes", _("minutes")), ("memo", _("memo"))],
        default="minutes",
    )
    chair_name = models.CharField(_("chair of the meeting"), max_length=200, blank=True)
    secretary_name = models.CharField(_("secretary"), max_length=200, blank=True)
    minutes_notes = models.TextField(_("notes of the meeting"), blank=True)
    version = models.PositiveIntegerField(default=1)
    sent_at = models.DateTimeField(null=True, blank=True)
    # iCalendar: every change of a sent meeting raises SEQUENCE and renews DTSTAMP.
    ics_sequence = models.PositiveIntegerField(default=0)
    ics_stamp = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # The quorum as recorded from the attendance at the meeting (laillisuus ja päätösvaltaisuus).
    quorum_seats = models.PositiveSmallIntegerField(_("seats of the body"), null=True, blank=True)
    quorum_present = models.PositiveSmallIntegerField(_("seats present"), null=True, blank=True)
    quorum_needed = models.PositiveSmallIntegerField(_("seats needed for a quorum"), null=True, blank=True)
    quorate = models.BooleanField(_("quorate"), null=True)
    public_from = models.DateField(_("minutes public from"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Set by the worker once it has rendered and queued the sent agenda's invitations.
    invitations_queued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["reminder_sent_at", "invitations_queued_at"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.body.name} {local:%-d.%-m.%Y}"

    @property
    def year(self) -> int:
        return timezone.localtime(self.starts_at).year

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()

    def proposals_open(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) <= self.agenda_deadline


class Resolution(models.TextChoices):
    AS_PROPOSED = "as_proposed", _("approved as proposed")
    AMENDED = "amended", _("approved amended")
    VOTE = "vote", _("decided after a vote")
    REJECTED = "rejected", _("rejected")
    NOTED = "noted", _("noted")
    TABLED = "tabled", _("tabled")
    RETURNED = "returned", _("returned for preparation")
    REMOVED = "removed", _("removed from the agenda")


class WithholdingGround(models.TextChoices):
    """Common grounds for keeping an item's content out of the public minutes (621/1999 24 §)."""

    CLIENT = "24.1.25", _("client data of social or health care (621/1999, 24 § 1 mom. 25 k.)")
    PRIVATE_LIFE = "24.1.32", _("a person's private life or circumstances (621/1999, 24 § 1 mom. 32 k.)")
    BUSINESS = "24.1.20", _("a business or trade secret (621/1999, 24 § 1 mom. 20 k.)")
    PREPARATION = "24.1.17", _("the county's negotiating position (621/1999, 24 § 1 mom. 17 k.)")
    SECURITY = "24.1.7", _("security arrangements (621/1999, 24 § 1 mom. 7 k.)")
    PERSONNEL = "24.1.29", _("a personnel assessment or test (621/1999, 24 § 1 mom. 29 k.)")
    OTHER_LAW = "other", _("a secrecy provision of another law")


class AgendaItem(models.Model):
    """A numbered item (§) of an agenda; its decision is recorded in the minutes.

    § numbers run in one series per body and calendar year (`series_body`, `series_year`, copied
    from the meeting by `numbering.renumber`); `number_final` is set when the agenda is sent, and a
    final number is unique in its series and never changes.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    number = models.PositiveSmallIntegerField(_("§ number"), default=0)
    number_final = models.BooleanField(_("final § number"), default=False)
    series_body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, related_name="+")
    series_year = models.PositiveSmallIntegerField(null=True)
    title = models.CharField(_("title"), max_length=300)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    background = models.TextField(_("background"), blank=True)
    proposal = models.TextField(_("proposal for decision"), blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Non-public items and their files are shown only to members and staff."),
    )
    public_title = models.CharField(
        _("title shown to the public"),
        max_length=300,
        blank=True,
        help_text=_(
            "Required for a non-public item: the Act on the Openness of Government Activities requires "
            "that the public title still tells what the matter is, without the confidential details."
        ),
    )
    withholding_ground = models.CharField(
        _("ground for withholding"), max_length=10, choices=WithholdingGround.choices, blank=True
    )
    measures = models.ManyToManyField(
        "actionplan.Measure",
        verbose_name=_("action plan measures"),
        blank=True,
        related_name="agenda_items",
        help_text=_("The measures of the action plan that this item concerns."),
    )
    added_in_meeting = models.BooleanField(_("added in the meeting"), default=False)
    decision = models.TextField(_("decision"), blank=True)
    resolution = models.CharField(_("resolution"), max_length=20, choices=Resolution.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["series_body", "series_year", "number"],
                condition=models.Q(number_final=True),
                name="unique_final_item_number",
            )
        ]

    def __str__(self) -> str:
        return f"§ {self.number} {self.title}"

    @property
    def vote_or_none(self) -> Vote | None:
        try:
            return self.vote
        except Vote.DoesNotExist:
            return None


class Attachment(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=RandomPath("council/%Y"))
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name


class TopicProposal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("waiting")
        ACCEPTED = "accepted", _("accepted onto an agenda")
        MERGED = "merged", _("merged into an item")
        DECLINED = "declined", _("declined")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="proposals")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="proposals"
    )
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("topic"), max_length=300)
    description = models.TextField(_("description"), max_length=5000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField(_("reason"), blank=True)
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ReviewComment(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    read_by_staff = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class Attendance(models.Model):
    """One seat holder invited to one meeting; the seat is its principal member's."""

    class Answer(models.TextChoices):
        WAITING = "waiting", _("no answer yet")
        NOT_INVITED = "not_invited", _("not invited (deputy)")
        ATTENDING = "attending", _("attends")
        ABSENT = "absent", _("absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    seat = models.CharField(max_length=20)
    is_deputy = models.BooleanField(default=False)
    council_membership = models.ForeignKey(
        CouncilMembership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body_member = models.ForeignKey(
        BodyMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(blank=True)
    language = models.CharField(max_length=5, default="fi")
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices, default=Answer.WAITING)
    answered_at = models.DateTimeField(null=True, blank=True)
    present = models.BooleanField(_("present"), null=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["seat", "is_deputy", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "seat", "full_name", "email"], name="unique_attendance"
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class MinutesChecker(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        APPROVED = "approved", _("approved")
        COMMENTED = "commented", _("commented")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checkers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes checker")
        verbose_name_plural = _("minutes checkers")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="unique_minutes_checker")]

    def __str__(self) -> str:
        return str(self.user)


class Vote(models.Model):
    """A vote on an item (äänestys): what was voted on and the counts, or the named ballots."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="vote")
    proposals = models.TextField(
        _("proposals voted on"),
        help_text=_("For example: Yes = the chair's proposal, No = the counter-proposal."),
    )
    votes_for = models.PositiveSmallIntegerField(pgettext_lazy("vote", "yes"), default=0)
    votes_against = models.PositiveSmallIntegerField(pgettext_lazy("vote", "no"), default=0)
    votes_abstained = models.PositiveSmallIntegerField(_("abstained"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.votes_for}–{self.votes_against}–{self.votes_abstained}"

    @property
    def total(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstained


class Ballot(models.Model):
    """One named vote (nimenhuutoäänestys) of a person present at the meeting."""

    class Choice(models.TextChoices):
        FOR = "for", pgettext_lazy("vote", "yes")
        AGAINST = "against", pgettext_lazy("vote", "no")
        ABSTAIN = "abstain", _("abstained")

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("named vote")
        verbose_name_plural = _("named votes")
        constraints = [models.UniqueConstraint(fields=["vote", "attendance"], name="unique_ballot")]

    def __str__(self) -> str:
        return self.choice


class Dissent(models.Model):
    """A dissenting opinion (eriävä mielipide) of a member present, recorded in the minutes."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="dissents")
    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="dissents")
    text = models.TextField(_("dissenting opinion"), max_length=5000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dissenting opinion")
        verbose_name_plural = _("dissenting opinions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ConflictOfInterest(models.Model):
    """A member's declared conflict of interest (esteellisyys): they leave the item's handling."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="conflicts")
    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="conflicts")
    ground = models.CharField(_("ground of the conflict"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "attendance"], name="unique_conflict_of_interest")
        ]

    def __str__(self) -> str:
        return str(self.attendance)
