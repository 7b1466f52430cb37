"""Nomination calls: the rules of a call, the NGOs' nominations and the board's decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..kernel.files import random_path
from ..kernel.translated import Translated
from .core import Municipality, Organisation, SeatCategory


class NominationCall(models.Model):
    """A call for nominations to the council for one term, with the rules its composition must follow."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        DECIDED = "decided", _("decided")

    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description_fi = models.TextField(_("description in Finnish"))
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    criteria_fi = models.TextField(_("selection criteria in Finnish"))
    criteria_sv = models.TextField(_("selection criteria in Swedish"), blank=True)
    criteria_en = models.TextField(_("selection criteria in English"), blank=True)
    time_commitment_fi = models.TextField(_("time commitment in Finnish"))
    time_commitment_sv = models.TextField(_("time commitment in Swedish"), blank=True)
    time_commitment_en = models.TextField(_("time commitment in English"), blank=True)
    term_starts_on = models.DateField(_("term starts"))
    term_ends_on = models.DateField(_("term ends"))
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    total_seats = models.PositiveSmallIntegerField(
        _("NGO seats in all"), null=True, blank=True, help_text=_("Leave empty for no total.")
    )
    personal_deputies = models.BooleanField(
        _("each member has a personal deputy from the same category"), default=True
    )
    max_consecutive_terms = models.PositiveSmallIntegerField(
        _("most consecutive terms"),
        null=True,
        blank=True,
        help_text=_("For a person or an organisation. Leave empty for no limit."),
    )
    has_chair = models.BooleanField(_("chair seat"), default=True)
    has_vice_chair = models.BooleanField(_("vice-chair seat"), default=True)
    has_board_representative = models.BooleanField(_("seat for a representative of the board"), default=True)
    retention_until = models.DateField(
        _("nomination data kept until"),
        help_text=_("After this day the personal data of the nominations is erased."),
    )
    decision_body = models.CharField(_("deciding body"), max_length=200, blank=True)
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    decision_section = models.CharField(_("section (§)"), max_length=20, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # A supplementary call seeks nominees for the seats its parent's decision left vacant, and no others.
    supplementary_for = models.ForeignKey(
        "self",
        verbose_name=_("supplementary call for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supplementary_calls",
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nomination call")
        verbose_name_plural = _("nomination calls")
        ordering = ["-closes_at"]

    def __str__(self) -> str:
        return self.title

    title = Translated()

    description = Translated()

    criteria = Translated()

    time_commitment = Translated()

    @property
    def is_decided(self) -> bool:
        return self.status == self.Status.DECIDED

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and self.opens_at <= now < self.closes_at

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at


class CallSeatRule(models.Model):
    """How many seats a category has in a call; a category without a rule is not in the call."""

    call = models.ForeignKey(NominationCall, on_delete=models.CASCADE, related_name="seat_rules")
    seat_category = models.ForeignKey(
        SeatCategory, verbose_name=_("seat category"), on_delete=models.PROTECT, related_name="+"
    )
    min_seats = models.PositiveSmallIntegerField(_("at least"), default=1)
    max_seats = models.PositiveSmallIntegerField(_("at most"), default=2)

    class Meta:
        verbose_name = _("seats of a category")
        verbose_name_plural = _("seats per category")
        ordering = ["seat_category__order"]
        constraints = [
            models.UniqueConstraint(fields=["call", "seat_category"], name="unique_call_seat_category"),
            models.CheckConstraint(
                condition=models.Q(min_seats__lte=models.F("max_seats")), name="seat_min_le_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat_category}: {self.min_seats}–{self.max_seats}"


class MunicipalityQuota(models.Model):
    """Seats for organisations of a municipality (exactly 9 from Vantaa and 3 from Kerava, say).

    An organisation counts toward its home municipality only. The kind is stored as the bounds:
    exact is min = max, at least has no max, at most has min 0.
    """

    class Kind(models.TextChoices):
        EXACT = "exact", _("exactly")
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")

    call = models.ForeignKey(NominationCall, on_delete=models.CASCADE, related_name="quotas")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    min_seats = models.PositiveSmallIntegerField(_("at least"), default=0)
    max_seats = models.PositiveSmallIntegerField(_("at most"), null=True, blank=True)

    class Meta:
        verbose_name = _("municipality quota")
        verbose_name_plural = _("municipality quotas")
        constraints = [
            models.UniqueConstraint(fields=["call", "municipality"], name="unique_call_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_kind_display()} {self.seats}"

    @staticmethod
    def bounds(kind: str, seats: int) -> tuple[int, int | None]:
        return {"exact": (seats, seats), "at_least": (seats, None), "at_most": (0, seats)}[kind]

    @property
    def kind(self) -> str:
        if self.max_seats is None:
            return self.Kind.AT_LEAST
        return self.Kind.EXACT if self.min_seats == self.max_seats else self.Kind.AT_MOST

    def get_kind_display(self) -> str:
        return self.Kind(self.kind).label

    @property
    def seats(self) -> int:
        return self.min_seats if self.max_seats is None else self.max_seats


def attachment_path(instance: Nomination, filename: str) -> str:
    return random_path(f"nominations/{instance.call_id}", filename)


class Nomination(models.Model):
    """An organisation's nomination of a representative and a deputy in a call. No party affiliation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")
        SELECTED = "selected", _("selected")
        NOT_SELECTED = "not_selected", _("not selected")

    class Capacity(models.TextChoices):
        PROFESSIONAL = "professional", _("professional (paid staff)")
        VOLUNTEER = "volunteer", _("volunteer")

    call = models.ForeignKey(NominationCall, on_delete=models.PROTECT, related_name="nominations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="nominations"
    )
    seat_category = models.ForeignKey(
        SeatCategory, verbose_name=_("category applied in"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    representative_name = models.CharField(_("representative's name"), max_length=200)
    representative_email = models.EmailField(_("representative's email"))
    representative_phone = models.CharField(_("representative's phone"), max_length=40, blank=True)
    representative_role = models.CharField(_("representative's role in the organisation"), max_length=200)
    representative_capacity = models.CharField(
        _("representative takes part as"), max_length=20, choices=Capacity.choices
    )
    deputy_name = models.CharField(_("deputy's name"), max_length=200, blank=True)
    deputy_email = models.EmailField(_("deputy's email"), blank=True)
    deputy_phone = models.CharField(_("deputy's phone"), max_length=40, blank=True)
    deputy_role = models.CharField(_("deputy's role in their organisation"), max_length=200, blank=True)
    deputy_capacity = models.CharField(
        _("deputy takes part as"), max_length=20, choices=Capacity.choices, blank=True
    )
    deputy_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("deputy's organisation, if another one"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy_nominations",
    )
    motivation = models.TextField(_("motivation"), max_length=4000)
    expertise = models.TextField(_("expertise of the field"), max_length=4000)
    networks = models.TextField(
        _("networks and smaller organisations the nominee speaks for"), max_length=4000, blank=True
    )
    languages = models.CharField(_("languages the nominee works in"), max_length=200)
    accepts_time_commitment = models.BooleanField(_("time commitment acknowledged"), default=False)
    consents_to_processing = models.BooleanField(
        _("consent to the processing of personal data"), default=False
    )
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, blank=True, max_length=300)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="fi")
    in_proposal = models.BooleanField(_("in the proposal"), default=False)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    # The total of the scores per published criterion (membership.kernel.evaluation), kept for the board.
    weighted_score = models.DecimalField(
        _("weighted score (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    score_comment = models.TextField(_("comment on the score"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["seat_category__order", "organisation__name_fi"]
        constraints = [
            models.UniqueConstraint(fields=["call", "organisation"], name="one_nomination_per_organisation"),
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.representative_name}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.SELECTED, self.Status.NOT_SELECTED)


class DecisionReason(models.Model):
    """The board's reason for deciding a call although its proposal breaks one of the call's rules."""

    class Kind(models.TextChoices):
        VACANT = "vacant", _("the seat is left vacant")
        OTHER_CATEGORY = "other_category", _("the seat is filled from another category")
        SUPPLEMENTARY = "supplementary", _("a supplementary call follows")
        OTHER = "other", _("another reason")

    call = models.ForeignKey(NominationCall, on_delete=models.CASCADE, related_name="decision_reasons")
    rule = models.CharField(max_length=40)
    # Which instance of the rule (category, municipality or nomination), as composition.RuleIssue.key.
    issue_key = models.CharField(max_length=80)
    rule_text = models.TextField(_("broken rule"))
    kind = models.CharField(_("decision"), max_length=20, choices=Kind.choices)
    explanation = models.TextField(_("reason"), max_length=2000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reason for a deviation")
        verbose_name_plural = _("reasons for deviations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "issue_key"], name="one_reason_per_broken_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_text} – {self.get_kind_display()}"

    @property
    def leaves_seats_vacant(self) -> bool:
        return self.kind in (self.Kind.VACANT, self.Kind.SUPPLEMENTARY)


class VacantSeat(models.Model):
    """A seat that a call's decision left unfilled, until a supplementary call's decision fills it."""

    call = models.ForeignKey(NominationCall, on_delete=models.CASCADE, related_name="vacant_seats")
    seat_category = models.ForeignKey(
        SeatCategory, verbose_name=_("seat category"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.ForeignKey(
        DecisionReason, verbose_name=_("reason"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filled_by_call = models.ForeignKey(
        NominationCall,
        verbose_name=_("filled by the call"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filled_vacancies",
    )
    filled_by = models.ForeignKey(
        "membership.CouncilMembership",
        verbose_name=_("filled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    filled_at = models.DateTimeField(_("filled"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vacant seat")
        verbose_name_plural = _("vacant seats")
        ordering = ["seat_category__order", "pk"]

    def __str__(self) -> str:
        return f"{self.seat_category} ({self.call})"

    @property
    def is_vacant(self) -> bool:
        return self.filled_at is None


class CallCriterion(models.Model):
    """A selection criterion a call publishes, with its weight (in percent of the total)."""

    call = models.ForeignKey(NominationCall, on_delete=models.CASCADE, related_name="scoring_criteria")
    name_fi = models.CharField(_("criterion in Finnish"), max_length=200)
    name_sv = models.CharField(_("criterion in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("criterion in English"), max_length=200, blank=True)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("published criterion")
        verbose_name_plural = _("published criteria")
        ordering = ["call", "order"]

    def __str__(self) -> str:
        return self.name

    name = Translated()


class NominationScore(models.Model):
    """Staff's score of a nomination on one published criterion, with a comment; staff only."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="criterion_scores")
    criterion = models.ForeignKey(CallCriterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scored_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score on a criterion")
        verbose_name_plural = _("scores on criteria")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "criterion"], name="one_score_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
