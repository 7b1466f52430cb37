"""The NGO cooperation action plan: goals, measures, indicators, and the readings that follow them."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from membership.kernel.files import RandomPath
from membership.kernel.periods import HALF, KIND_NAMES, QUARTER, YEAR
from membership.kernel.translated import Translated


class ResponsibleParty(models.TextChoices):
    COUNCIL = "council", _("NGO cooperation council")
    HYTE_TEAM = "hyte_team", _("HYTE team")
    WORKING_GROUP = "working_group", _("working group")
    PERSON = "person", _("named person")


class Plan(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    title_fi = models.CharField(_("title in Finnish"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    approved_by_fi = models.CharField(_("approving body in Finnish"), max_length=300, blank=True)
    approved_by_sv = models.CharField(_("approving body in Swedish"), max_length=300, blank=True)
    approved_by_en = models.CharField(_("approving body in English"), max_length=300, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    goals_approved_on = models.DateField(_("goals approved by the council on"), null=True, blank=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-first_year"]

    def __str__(self) -> str:
        return self.title

    title = Translated()

    approved_by = Translated()


class StrategicGoal(models.Model):
    """A goal of the county strategy that one or more plan goals serve."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="strategic_goals")
    code = models.CharField(_("code"), max_length=10)
    title_fi = models.TextField(_("title in Finnish"))
    title_sv = models.TextField(_("title in Swedish"), blank=True)
    title_en = models.TextField(_("title in English"), blank=True)

    class Meta:
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        ordering = ["plan", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="ap_strategic_goal_code")]

    def __str__(self) -> str:
        return self.title

    title = Translated()


class PlanGoal(models.Model):
    """One of the plan's goals (01, 02, 03); grants link to these."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    strategic_goal = models.ForeignKey(
        StrategicGoal, verbose_name=_("strategic goal"), on_delete=models.PROTECT, related_name="goals"
    )
    code = models.CharField(_("code"), max_length=10)
    title_fi = models.TextField(_("title in Finnish"))
    title_sv = models.TextField(_("title in Swedish"), blank=True)
    title_en = models.TextField(_("title in English"), blank=True)
    strategy_indicator_fi = models.TextField(_("strategy-level indicator in Finnish"), blank=True)
    strategy_indicator_sv = models.TextField(_("strategy-level indicator in Swedish"), blank=True)
    strategy_indicator_en = models.TextField(_("strategy-level indicator in English"), blank=True)

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["plan", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="ap_goal_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    title = Translated()

    strategy_indicator = Translated()


class Measure(models.Model):
    """A measure (toimenpide) of a goal; agenda items link to these."""

    goal = models.ForeignKey(
        PlanGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="measures"
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. 01.2"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_fi = models.TextField(_("title in Finnish"))
    title_sv = models.TextField(_("title in Swedish"), blank=True)
    title_en = models.TextField(_("title in English"), blank=True)
    baseline_fi = models.TextField(_("baseline in Finnish"), blank=True)
    baseline_sv = models.TextField(_("baseline in Swedish"), blank=True)
    baseline_en = models.TextField(_("baseline in English"), blank=True)
    target_fi = models.TextField(_("target level in Finnish"), blank=True)
    target_sv = models.TextField(_("target level in Swedish"), blank=True)
    target_en = models.TextField(_("target level in English"), blank=True)
    responsible_party = models.CharField(
        _("responsible party"),
        max_length=20,
        choices=ResponsibleParty.choices,
        default=ResponsibleParty.HYTE_TEAM,
    )
    responsible_name = models.CharField(_("responsible working group or person"), max_length=200, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["goal__code", "order"]
        constraints = [models.UniqueConstraint(fields=["goal", "code"], name="ap_measure_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    title = Translated()

    baseline = Translated()

    target = Translated()

    @property
    def responsible(self) -> str:
        label = self.get_responsible_party_display()
        return f"{label}: {self.responsible_name}" if self.responsible_name else str(label)


class SubAction(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="sub_actions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_fi = models.TextField(_("text in Finnish"))
    text_sv = models.TextField(_("text in Swedish"), blank=True)
    text_en = models.TextField(_("text in English"), blank=True)

    class Meta:
        verbose_name = _("sub-action")
        verbose_name_plural = _("sub-actions")
        ordering = ["measure", "order"]
        constraints = [models.UniqueConstraint(fields=["measure", "order"], name="ap_sub_action_order")]

    def __str__(self) -> str:
        return self.text

    text = Translated()


class Indicator(models.Model):
    """How the progress of a measure is followed; readings are stored as numbers (see `Kind`)."""

    class Kind(models.TextChoices):
        # Stored as 0 (no), 0.5 (partially), 1 (yes).
        YES_PARTIAL_NO = "yes_partial_no", _("yes / partially / no")
        GRADE = "grade", _("survey grade on a scale")
        COUNT = "count", _("count")
        PERCENTAGE = "percentage", _("percentage")
        # A model or a report: 0 not done, 0.5 in progress, 1 done.
        DELIVERABLE = "deliverable", _("deliverable (done or not)")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better (grows)")
        LOWER = "lower", _("lower is better (falls)")

    class Collection(models.TextChoices):
        STAKEHOLDER_SURVEY = "stakeholder_survey", _("stakeholder survey")
        INTERNAL_SURVEY = "internal_survey", _("internal survey")
        USAGE_STATISTICS = "usage_statistics", _("usage statistics")
        STAFF_ASSESSMENT = "staff_assessment", _("staff assessment")

    class Frequency(models.TextChoices):
        QUARTERLY = "quarter", _("every quarter")
        HALF_YEARLY = "half", _("every half-year")
        YEARLY = "year", _("every year")

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=12, unique=True, help_text=_("e.g. 01.2.c"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_fi = models.TextField(_("name in Finnish"))
    name_sv = models.TextField(_("name in Swedish"), blank=True)
    name_en = models.TextField(_("name in English"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    unit_fi = models.CharField(_("unit in Finnish"), max_length=60, blank=True)
    unit_sv = models.CharField(_("unit in Swedish"), max_length=60, blank=True)
    unit_en = models.CharField(_("unit in English"), max_length=60, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default="higher")
    scale_min = models.DecimalField(
        _("scale minimum"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    scale_max = models.DecimalField(
        _("scale maximum"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_source = models.CharField(_("baseline source"), max_length=300, blank=True)
    collection = models.CharField(_("collected by"), max_length=30, choices=Collection.choices)
    frequency = models.CharField(
        _("reading frequency"), max_length=10, choices=Frequency.choices, default=Frequency.YEARLY
    )
    data_owner_party = models.CharField(
        _("responsible for the data"), max_length=20, choices=ResponsibleParty.choices, default="hyte_team"
    )
    data_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible for the data"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    next_reading_due = models.DateField(_("next reading due"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["measure__goal__code", "measure__order", "order"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    name = Translated()

    unit = Translated()

    @property
    def is_ordinal(self) -> bool:
        return self.kind in (self.Kind.YES_PARTIAL_NO, self.Kind.DELIVERABLE)

    @property
    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        """The allowed range of a reading's value."""
        if self.is_ordinal:
            return Decimal(0), Decimal(1)
        if self.kind == self.Kind.PERCENTAGE:
            return Decimal(0), Decimal(100)
        if self.kind == self.Kind.GRADE:
            return self.scale_min or Decimal(1), self.scale_max or Decimal(5)
        return Decimal(0), None

    @property
    def lower_is_better(self) -> bool:
        return self.direction == self.Direction.LOWER


class IndicatorTarget(models.Model):
    """A dated target; interim targets (2027–2028) sit beside the plan's 2030 target."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    # Empty when the plan only says "grows from the 2026 level": the text says it then.
    value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2, null=True, blank=True)
    text_fi = models.TextField(_("target as written, in Finnish"), blank=True)
    text_sv = models.TextField(_("target in Swedish"), blank=True)
    text_en = models.TextField(_("target in English"), blank=True)
    is_interim = models.BooleanField(_("interim target"), default=False)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="ap_target_year")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}"

    text = Translated()


class ReportingPeriod(models.Model):
    class Kind(models.TextChoices):
        YEAR = KIND_NAMES[YEAR], _("year")
        HALF = KIND_NAMES[HALF], _("half-year")
        QUARTER = KIND_NAMES[QUARTER], _("quarter")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    code = models.CharField(_("period"), max_length=10)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    is_closed = models.BooleanField(_("closed"), default=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The public sees readings and statuses of published periods only.
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["plan", "ends_on", "starts_on"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="ap_period_code")]

    def __str__(self) -> str:
        return self.code

    @property
    def sort_key(self) -> tuple[datetime.date, int]:
        # As membership.kernel.periods.Period.sort_key: a coarser period after finer ones ending with it.
        return (self.ends_on, (self.ends_on - self.starts_on).days)


class Reading(models.Model):
    """An indicator's value for a period; a correction updates it, history keeps the old values."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="readings")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="readings")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("link to evidence"), blank=True)
    evidence_file = models.FileField(
        _("evidence attachment"), upload_to=RandomPath("actionplan/evidence/%Y"), blank=True
    )
    correction_reason = models.CharField(_("reason for correction"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator reading")
        verbose_name_plural = _("indicator readings")
        ordering = ["indicator", "period__ends_on"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="ap_reading_once")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period.code}: {self.value}"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    LATE = "late", _("late")
    DONE = "done", _("done")


class MeasureStatus(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="statuses")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="statuses")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    suggested_status = models.CharField(_("suggested status"), max_length=20, choices=Status.choices)
    assessment = models.TextField(_("assessment"), blank=True)
    override_reason = models.CharField(_("reason for overriding the suggestion"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure status")
        verbose_name_plural = _("measure statuses")
        ordering = ["measure", "period__ends_on"]
        constraints = [models.UniqueConstraint(fields=["measure", "period"], name="ap_status_once")]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.period.code}: {self.status}"

    @property
    def is_overridden(self) -> bool:
        return self.status != self.suggested_status


class ReadingReminder(models.Model):
    """One reminder sent; makes the daily task idempotent when Celery redelivers it."""

    class Kind(models.TextChoices):
        DUE = "due", _("due")
        OVERDUE = "overdue", _("overdue")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_to = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "due_on", "kind"], name="ap_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.due_on} {self.kind}"
