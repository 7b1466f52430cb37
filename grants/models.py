"""Grant rounds, grant records with their payments and use reports, funders and yearly shares."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from membership.kernel.files import random_path
from membership.models import Municipality, Organisation, TranslatedNameMixin

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


def money(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=2, validators=NON_NEGATIVE, **kwargs
    )


class GrantType(TranslatedNameMixin):
    """A kind of grant the county gives (activity grant, partnership grant, ...); staff add more."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    is_multi_year = models.BooleanField(_("spans several years"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("grant type")
        verbose_name_plural = _("grant types")
        ordering = ["order", "name_fi"]


class Funder(models.TextChoices):
    COUNTY = "county", _("wellbeing services county")
    MUNICIPALITY = "municipality", _("municipality")
    STEA = "stea", _("STEA")
    OTHER = "other", _("other funder")


# Funders whose grants count as public funding of the same activity (double funding rule).
PUBLIC_FUNDERS = (Funder.COUNTY, Funder.MUNICIPALITY, Funder.STEA)


class SteaType(models.TextChoices):
    AY = "Ay", _("Ay – general activity grant")
    AK = "Ak", _("Ak – targeted activity grant")
    B = "B", _("B – investment grant")
    C = "C", _("C – project grant")


class GrantRound(models.Model):
    """One call for applications: a year, a grant type, a budget and the decision that closes it."""

    class PaymentRule(models.TextChoices):
        SINGLE = "single", _("in one payment after the decision")
        TWO = "two", _("in two instalments (spring and autumn)")
        QUARTERLY = "quarterly", _("quarterly")
        YEARLY = "yearly", _("at the start of each year of the grant")

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    grant_type = models.ForeignKey(GrantType, verbose_name=_("grant type"), on_delete=models.PROTECT)
    budget = money(_("budget (€)"))
    opens_on = models.DateField(_("application period opens"))
    closes_on = models.DateField(_("application period closes"))
    decision_body = models.CharField(_("deciding body"), max_length=200, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_section = models.CharField(_("decision section (§)"), max_length=20, blank=True)
    payment_rule = models.CharField(
        _("payment schedule"), max_length=20, choices=PaymentRule.choices, default=PaymentRule.SINGLE
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant round")
        verbose_name_plural = _("grant rounds")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="round_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class Grant(models.Model):
    """A grant applied for and decided, from the county or from another funder."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        GRANTED = "granted", _("granted")
        REJECTED = "rejected", _("rejected")
        PAID = "paid", _("paid")
        REPORTED = "reported", _("use reported")
        CLOSED = "closed", _("closed")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="grants"
    )
    grant_round = models.ForeignKey(
        GrantRound,
        verbose_name=_("grant round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    grant_type = models.ForeignKey(
        GrantType, verbose_name=_("grant type"), on_delete=models.PROTECT, null=True, blank=True
    )
    funder = models.CharField(_("funder"), max_length=20, choices=Funder.choices, default=Funder.COUNTY)
    funder_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("funding municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    funder_name = models.CharField(_("name of the other funder"), max_length=200, blank=True)
    stea_type = models.CharField(_("STEA grant type"), max_length=2, choices=SteaType.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality of the activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Leave empty when the activity covers the whole county."),
    )
    activity = models.CharField(
        _("funded activity"),
        max_length=200,
        help_text=_("The name of the activity; used to find the same activity funded twice."),
    )
    activity_key = models.CharField(max_length=200, editable=False, db_index=True)
    purpose = models.TextField(_("purpose"), blank=True)
    amount_applied = money(_("amount applied (€)"), default=Decimal("0"))
    amount_granted = money(_("amount granted (€)"), default=Decimal("0"))
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_section = models.CharField(_("decision section (§)"), max_length=20, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLIED)
    report_due_on = models.DateField(_("use report due"), null=True, blank=True)
    report_received_on = models.DateField(_("use report received"), null=True, blank=True)
    listed_in_lahella = models.BooleanField(_("listed in Lähellä.fi"), default=False)
    listed_in_ptv = models.BooleanField(_("listed in the service catalogue PTV"), default=False)
    goals = models.ManyToManyField(
        "actionplan.PlanGoal",
        verbose_name=_("action plan goals"),
        blank=True,
        related_name="grants",
        help_text=_("The goals of the NGO cooperation action plan that the funded activity serves."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-year", "organisation__name_fi", "pk"]
        indexes = [
            models.Index(fields=["organisation", "year", "activity_key"]),
            models.Index(fields=["year", "status"]),
            # Use reports still awaited are few against all grants ever made: the staff front
            # page's overdue count and the reminder task read only these.
            models.Index(
                fields=["report_due_on"],
                condition=Q(report_received_on__isnull=True),
                name="grant_report_awaited",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_applied__gte=0), name="grant_applied_non_negative"),
            models.CheckConstraint(condition=Q(amount_granted__gte=0), name="grant_granted_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.activity}"

    def save(self, *args, **kwargs):
        self.activity_key = normalise_activity(self.activity)
        super().save(*args, **kwargs)

    @property
    def funder_label(self) -> str:
        if self.funder == Funder.MUNICIPALITY and self.funder_municipality_id:
            return str(self.funder_municipality)
        if self.funder == Funder.OTHER and self.funder_name:
            return self.funder_name
        if self.funder == Funder.STEA and self.stea_type:
            return f"STEA {self.stea_type}"
        return self.get_funder_display()

    def is_report_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(self.report_due_on and self.report_received_on is None and self.report_due_on < today)


def normalise_activity(name: str) -> str:
    return " ".join(name.lower().split())


class GrantYear(models.Model):
    """The amount of a grant that falls on one year; a one-year grant has one such share."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = money(_("amount (€)"))

    class Meta:
        verbose_name = _("yearly share")
        verbose_name_plural = _("yearly shares")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["grant", "year"], name="unique_grant_year")]
        indexes = [models.Index(fields=["year", "grant"])]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Payment(models.Model):
    """A planned payment of a grant and, once made, its actual date and amount."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="payments")
    planned_on = models.DateField(_("planned date"))
    planned_amount = money(_("planned amount (€)"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_amount = money(_("paid amount (€)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["planned_on", "pk"]

    def __str__(self) -> str:
        return f"{self.planned_on} {self.planned_amount}"


def use_report_path(instance: UseReport, filename: str) -> str:
    return random_path(f"grants/use-reports/{instance.grant_id}", filename)


class UseReport(models.Model):
    """The NGO's report on how the grant was used, with its attachment."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="use_reports")
    file = models.FileField(_("report file"), upload_to=use_report_path)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("use report")
        verbose_name_plural = _("use reports")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class ReportReminder(models.Model):
    """A reminder sent about a use report; one row per grant and kind keeps the task idempotent."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("before the due date")
        AFTER = "after", _("after the due date")

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["grant", "kind"], name="unique_reminder")]

    def __str__(self) -> str:
        return f"{self.grant_id} {self.kind}"


class CountyComparison(models.Model):
    """One county's row of the national snapshot 8/2025 (seed 002)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("county"), max_length=100)
    county_grants = money(_("county NGO grants (€)"))
    stea_c_2024 = money(_("STEA C-grants 2024 (€)"))
    stea_c_2025 = money(_("STEA C-grants 2025 (€)"))
    is_own = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("county comparison")
        verbose_name_plural = _("county comparisons")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def stea_change(self) -> Decimal:
        return self.stea_c_2025 - self.stea_c_2024

    @property
    def stea_change_percent(self) -> Decimal | None:
        if not self.stea_c_2024:
            return None
        return (self.stea_change * 100 / self.stea_c_2024).quantize(Decimal("0.1"))


class EvaluationModel(models.Model):
    """A versioned scoring model (VAKE: 1.0 in 2024–25, 2.0 as a 2026–30 target)."""

    version = models.CharField(_("version"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    in_use_from = models.PositiveSmallIntegerField(_("in use from year"))
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation model")
        verbose_name_plural = _("evaluation models")
        ordering = ["-in_use_from"]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


class Criterion(TranslatedNameMixin):
    model = models.ForeignKey(EvaluationModel, on_delete=models.CASCADE, related_name="criteria")
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, validators=NON_NEGATIVE)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["model", "order"]


class Score(models.Model):
    """A score for a grant application on one criterion; the model version is kept with it."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    model_version = models.CharField(_("model version"), max_length=10, editable=False)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scored_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["grant", "criterion"], name="unique_score")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


def import_path(instance: ImportBatch, filename: str) -> str:
    return random_path(f"grants/imports/{timezone.now():%Y/%m}", filename)


class ImportBatch(models.Model):
    """An uploaded grant file kept between its preview and its saving."""

    file = models.FileField(upload_to=import_path)
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    saved_at = models.DateTimeField(null=True, blank=True)
    saved_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
