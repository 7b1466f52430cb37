"""Grant rules: the one place that changes grant state, and the totals other apps read.

Reports read grant figures through `totals_for_year` and `totals_by_category_and_municipality`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, DecimalField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from membership.kernel.evaluation import EvaluationError, check_score, weighted_percentage
from membership.kernel.history import remember
from membership.models import Municipality, PrhMainClass, SeatCategory, User
from membership.notifications import absolute_url, send_mail_in_language

from .models import (
    PUBLIC_FUNDERS,
    Criterion,
    Funder,
    Grant,
    GrantRound,
    GrantType,
    GrantYear,
    Payment,
    ReportReminder,
    Score,
    UseReport,
)

# Reminders go this many days before the due date and after it.
REMIND_BEFORE_DAYS = 14
REMIND_AFTER_DAYS = 7


class GrantError(Exception):
    """A change that the grant rules refuse; the message is for the user."""


def with_flags(grants: QuerySet[Grant], today: datetime.date | None = None) -> QuerySet[Grant]:
    """Annotate double funding and an overdue use report, computed in the database."""
    today = today or timezone.localdate()
    other_public = (
        Grant.objects.filter(
            organisation=OuterRef("organisation"),
            year=OuterRef("year"),
            activity_key=OuterRef("activity_key"),
            funder__in=PUBLIC_FUNDERS,
        )
        .exclude(funder=OuterRef("funder"))
        .exclude(status=Grant.Status.REJECTED)
    )
    return grants.annotate(
        double_funded=Exists(other_public) & Q(funder__in=PUBLIC_FUNDERS) & ~Q(status=Grant.Status.REJECTED),
        report_overdue=Q(report_due_on__lt=today, report_received_on__isnull=True),
    )


@transaction.atomic
def save_grant(
    grant: Grant,
    year_amounts: dict[int, Decimal] | None = None,
    goals: Iterable | None = None,
    *,
    acting_user: User | None = None,
) -> Grant:
    """Save a grant, its action plan goals and its yearly shares (one share for a one-year grant)."""
    if grant.grant_round_id and not grant.grant_type_id:
        grant.grant_type_id = grant.grant_round.grant_type_id  # type: ignore[union-attr]  # round_id set
    remember(grant, acting_user).save()
    payments = grant.payments.aggregate(planned=Sum("planned_amount"), paid=Sum("paid_amount"))
    if max(payments["planned"] or 0, payments["paid"] or 0) > grant.amount_granted:
        raise GrantError(_("The amount granted may not be less than the payments of the grant."))
    shares = year_amounts or {grant.year: grant.amount_granted}
    if sum(shares.values(), Decimal("0")) > grant.amount_granted:
        raise GrantError(_("The yearly amounts add up to more than the amount granted."))
    GrantYear.objects.filter(grant=grant).exclude(year__in=shares).delete()
    for year, amount in shares.items():
        GrantYear.objects.update_or_create(grant=grant, year=year, defaults={"amount": amount})
    if goals is not None:
        grant.goals.set(goals)
    return grant


@transaction.atomic
def save_payment(
    grant: Grant,
    planned_on: datetime.date,
    planned_amount: Decimal,
    paid_on: datetime.date | None = None,
    paid_amount: Decimal | None = None,
    payment: Payment | None = None,
    *,
    acting_user: User | None = None,
) -> Payment:
    """Add or change a payment unless the planned or paid payments would exceed the amount granted."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    others = grant.payments.exclude(pk=payment.pk) if payment and payment.pk else grant.payments.all()
    sums = others.aggregate(planned=Sum("planned_amount"), paid=Sum("paid_amount"))
    if (sums["planned"] or 0) + planned_amount > grant.amount_granted:
        raise GrantError(_("The planned payments would exceed the amount granted."))
    if paid_amount is not None and (sums["paid"] or 0) + paid_amount > grant.amount_granted:
        raise GrantError(_("The payments made would exceed the amount granted."))
    payment = payment or Payment(grant=grant)
    payment.planned_on, payment.planned_amount = planned_on, planned_amount
    payment.paid_on, payment.paid_amount = paid_on, paid_amount
    remember(payment, acting_user).save()
    return payment


def add_payment(
    grant: Grant,
    planned_on: datetime.date,
    planned_amount: Decimal,
    paid_on: datetime.date | None = None,
    paid_amount: Decimal | None = None,
    *,
    acting_user: User | None = None,
) -> Payment:
    return save_payment(grant, planned_on, planned_amount, paid_on, paid_amount, acting_user=acting_user)


@transaction.atomic
def save_round(grant_round: GrantRound, *, acting_user: User) -> GrantRound:
    """Add or change a grant round, its history naming who did it."""
    grant_round._history_user = acting_user  # type: ignore[attr-defined]  # read by simple-history
    grant_round.save()
    return grant_round


def _schedule(grant: Grant) -> list[tuple[datetime.date, Decimal]]:
    """Planned dates and amounts by the round's payment rule; the last instalment takes the cents."""
    grant_round = grant.grant_round
    assert grant_round is not None  # a payment schedule follows a round's rule
    rule = grant_round.payment_rule
    start = grant.decision_date or grant_round.decision_date or datetime.date(grant.year, 1, 15)
    if rule == GrantRound.PaymentRule.YEARLY:
        shares = list(grant.years.order_by("year"))
        return [(max(start, datetime.date(s.year, 1, 31)), s.amount) for s in shares]
    if rule == GrantRound.PaymentRule.TWO:
        dates = [start + datetime.timedelta(days=14), datetime.date(grant.year, 9, 15)]
    elif rule == GrantRound.PaymentRule.QUARTERLY:
        dates = [start + datetime.timedelta(days=14)] + [datetime.date(grant.year, m, 15) for m in (4, 7, 10)]
    else:
        dates = [start + datetime.timedelta(days=14)]
    dates = sorted({max(d, start) for d in dates})
    part = (grant.amount_granted / len(dates)).quantize(Decimal("0.01"))
    amounts = [part] * (len(dates) - 1) + [grant.amount_granted - part * (len(dates) - 1)]
    return list(zip(dates, amounts, strict=True))


@transaction.atomic
def plan_payments(grant: Grant, *, acting_user: User | None = None) -> int:
    """Create the planned payments of a grant by its round's payment rule, once."""
    grant = Grant.objects.select_for_update(of=("self",)).select_related("grant_round").get(pk=grant.pk)
    if grant.grant_round is None:
        raise GrantError(_("The grant belongs to no grant round, so it has no payment schedule."))
    if grant.payments.exists():
        raise GrantError(_("The grant already has payments."))
    schedule = _schedule(grant)
    # With their history rows, which a plain bulk_create would not write.
    bulk_create_with_history(
        [Payment(grant=grant, planned_on=day, planned_amount=amount) for day, amount in schedule if amount],
        Payment,
        default_user=acting_user,
    )
    return len(schedule)


@transaction.atomic
def submit_use_report(grant: Grant, uploaded_file, note: str = "", *, acting_user: User) -> UseReport:
    report = UseReport.objects.create(grant=grant, file=uploaded_file, submitted_by=acting_user, note=note)
    grant.report_received_on = timezone.localdate()
    if grant.status in (Grant.Status.GRANTED, Grant.Status.PAID):
        grant.status = Grant.Status.REPORTED
    remember(grant, acting_user).save(update_fields=["report_received_on", "status", "activity_key"])
    return report


@transaction.atomic
def save_scores(grant: Grant, scores: Iterable[tuple[Criterion, int, str]], *, acting_user: User) -> None:
    for criterion, value, comment in scores:
        try:
            check_score(value, criterion.max_score)
        except EvaluationError as error:
            raise GrantError(str(error)) from error
        # Saved (not update_or_create) so that its history row names the scorer, also without a request.
        score = Score.objects.filter(grant=grant, criterion=criterion).first() or Score(
            grant=grant, criterion=criterion
        )
        score.score, score.comment = value, comment
        score.model_version = criterion.model.version
        score.scored_by, score.scored_at = acting_user, timezone.now()
        remember(score, acting_user).save()


def weighted_total(grant: Grant) -> Decimal | None:
    """The weighted score as a percentage of the highest possible, computed in the database."""
    figures = grant.scores.aggregate(
        got=Sum(ExpressionWrapper(F("score") * F("criterion__weight"), output_field=DecimalField())),
        best=Sum(
            ExpressionWrapper(F("criterion__max_score") * F("criterion__weight"), output_field=DecimalField())
        ),
    )
    return weighted_percentage(figures["got"], figures["best"])


def send_report_reminders(today: datetime.date | None = None) -> int:
    """Remind NGO contacts of a use report due soon or overdue; each reminder goes once."""
    today = today or timezone.localdate()
    pending = Grant.objects.filter(report_received_on__isnull=True, report_due_on__isnull=False).exclude(
        status__in=[Grant.Status.REJECTED, Grant.Status.APPLIED]
    )
    due_soon = pending.filter(
        report_due_on__gte=today, report_due_on__lte=today + datetime.timedelta(REMIND_BEFORE_DAYS)
    )
    overdue = pending.filter(report_due_on__lte=today - datetime.timedelta(REMIND_AFTER_DAYS))
    sent = 0
    for kind, grants in ((ReportReminder.Kind.BEFORE, due_soon), (ReportReminder.Kind.AFTER, overdue)):
        for grant in grants.exclude(reminders__kind=kind).select_related("organisation"):
            sent += _remind(grant, kind)
    return sent


@transaction.atomic
def _remind(grant: Grant, kind: str) -> int:
    _reminder, created = ReportReminder.objects.get_or_create(grant=grant, kind=kind)
    if not created:
        return 0
    contacts = [link.user for link in grant.organisation.contact_links.select_related("user")]
    # The link is reversed in the template, inside the recipient's language.
    site_url = absolute_url("")

    def send():
        for user in contacts:
            send_mail_in_language(
                [user.email],
                "grants/emails/report_reminder",
                {"grant": grant, "site_url": site_url, "overdue": kind == ReportReminder.Kind.AFTER},
                user.preferred_language,
            )

    transaction.on_commit(send)
    return 1


@dataclass
class TotalRow:
    key: object
    label: str
    current: Decimal
    # None when there are no figures at all for the previous year (the first year of the data).
    previous: Decimal | None
    count: int

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.current - self.previous

    @property
    def change_percent(self) -> Decimal | None:
        if not self.previous:
            return None
        return (self.change * 100 / self.previous).quantize(Decimal("0.1"))  # type: ignore[operator]


# The dimensions totals are given by: the field path from a yearly share, and the label model.
DIMENSIONS = {
    "prh_class": ("grant__organisation__prh_class", PrhMainClass),
    "seat_category": ("grant__organisation__seat_category", SeatCategory),
    "municipality": ("grant__municipality", Municipality),
    "grant_type": ("grant__grant_type", GrantType),
    "funder": ("grant__funder", None),
}


def _shares(grants: QuerySet[Grant] | None) -> QuerySet[GrantYear]:
    shares = GrantYear.objects.exclude(grant__status=Grant.Status.REJECTED)
    if grants is not None:
        shares = shares.filter(grant__in=grants.values("pk"))
    return shares


def totals_by_year(grants: QuerySet[Grant] | None = None) -> list[TotalRow]:
    """The amount granted per year, each with the change from the year before."""
    rows = _shares(grants).values("year").annotate(total=Sum("amount"), n=Count("grant")).order_by("year")
    result: list[TotalRow] = []
    previous = None
    for row in rows:
        result.append(TotalRow(row["year"], str(row["year"]), row["total"], previous, row["n"]))
        previous = row["total"]
    return result


def totals_for_year(year: int, by: str, grants: QuerySet[Grant] | None = None) -> list[TotalRow]:
    """Totals of `year` by a dimension of DIMENSIONS, with last year's figure beside each."""
    path, label_model = DIMENSIONS[by]
    rows = (
        _shares(grants)
        .filter(year__in=[year, year - 1])
        .values(path, "year")
        .annotate(total=Sum("amount"), n=Count("grant"))
        .order_by()
    )
    figures: dict[object, dict] = {}
    for row in rows:
        entry = figures.setdefault(row[path], {"current": Decimal("0"), "previous": Decimal("0"), "n": 0})
        if row["year"] == year:
            entry["current"], entry["n"] = row["total"], row["n"]
        else:
            entry["previous"] = row["total"]
    labels = _labels(by, label_model, figures.keys())
    result = [
        TotalRow(key, labels.get(key, ""), f["current"], f["previous"], f["n"]) for key, f in figures.items()
    ]
    return sorted(result, key=lambda r: (-r.current, r.label))


def _labels(by: str, label_model, keys: Iterable) -> dict:
    if by == "funder":
        return {key: str(Funder(key).label) for key in keys if key}
    labels = {obj.pk: str(obj) for obj in label_model.objects.filter(pk__in=[k for k in keys if k])}
    labels[None] = _("Whole county") if by == "municipality" else _("Not given")
    return labels


def totals_by_category_and_municipality(year: int) -> list[dict]:
    """For reports: county grants of `year` per seat category and municipality, with last year's.

    Each row: seat_category, municipality (None = whole county), current, previous, change.
    """
    rows = (
        _shares(Grant.objects.filter(funder=Funder.COUNTY))
        .filter(year__in=[year, year - 1])
        .values("grant__organisation__seat_category", "grant__municipality", "year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    cells: dict[tuple, dict] = {}
    for row in rows:
        key = (row["grant__organisation__seat_category"], row["grant__municipality"])
        cell = cells.setdefault(key, {"current": Decimal("0"), "previous": Decimal("0")})
        cell["current" if row["year"] == year else "previous"] = row["total"]
    categories = _labels("seat_category", SeatCategory, {k[0] for k in cells})
    municipalities = _labels("municipality", Municipality, {k[1] for k in cells})
    return [
        {
            "seat_category": categories.get(cat, ""),
            "municipality": municipalities.get(muni, ""),
            "current": cell["current"],
            "previous": cell["previous"],
            "change": cell["current"] - cell["previous"],
        }
        for (cat, muni), cell in sorted(cells.items(), key=lambda item: (str(item[0][0]), str(item[0][1])))
    ]
