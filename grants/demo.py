"""Demo data: three years of grant rounds and grants, evaluation models, the national snapshot."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from actionplan.models import PlanGoal
from membership.demo import DEMO_ORGANISATIONS, DemoContext, register
from membership.models import Municipality, Organisation, Role

from . import services
from .models import (
    Criterion,
    EvaluationModel,
    Funder,
    Grant,
    GrantRound,
    GrantType,
    GrantYear,
    Payment,
    SteaType,
    normalise_activity,
)
from .national import load_snapshot

LARGE_GRANTS = 20000
ACTIVITIES = ["Vertaistukiryhmät", "Kohtaamispaikka", "Ystäväpalvelu", "Liikuntaryhmät", "Neuvonta"]
MODELS = {
    "1.0": (
        "Arviointimalli",
        2024,
        [
            ("Toiminnan vaikuttavuus", "Verksamhetens effekt", "Impact of the activity", "0.40"),
            ("Kohderyhmän tarve", "Målgruppens behov", "Need of the target group", "0.35"),
            ("Talousarvion realistisuus", "Budgetens realism", "Realistic budget", "0.25"),
        ],
    ),
    "2.0": (
        "Arviointimalli",
        2026,
        [
            ("Toiminnan vaikuttavuus", "Verksamhetens effekt", "Impact of the activity", "0.30"),
            ("Kohderyhmän tarve", "Målgruppens behov", "Need of the target group", "0.25"),
            ("Yhteys palvelupolkuihin", "Koppling till servicekedjor", "Link to service paths", "0.25"),
            ("Vapaaehtoisten osallisuus", "Frivilligas delaktighet", "Volunteer participation", "0.20"),
        ],
    ),
}


def years_of_demo() -> list[int]:
    this_year = datetime.date.today().year
    return [this_year - 2, this_year - 1, this_year]


def ensure_grant_types() -> dict[str, GrantType]:
    from .reference_data import GRANT_TYPES

    for order, (code, fi, sv, en, multi) in enumerate(GRANT_TYPES):
        GrantType.objects.get_or_create(
            code=code,
            defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "is_multi_year": multi, "order": order},
        )
    return {t.code: t for t in GrantType.objects.all()}


def ensure_evaluation_models() -> None:
    for version, (name, year, criteria) in MODELS.items():
        model, created = EvaluationModel.objects.get_or_create(
            version=version, defaults={"name": name, "in_use_from": year}
        )
        if created:
            for order, (fi, sv, en, weight) in enumerate(criteria):
                Criterion.objects.create(
                    model=model, name_fi=fi, name_sv=sv, name_en=en, weight=Decimal(weight), order=order
                )


@register(30, "grants")
@transaction.atomic
def seed_grants(ctx: DemoContext) -> None:
    load_snapshot()
    types = ensure_grant_types()
    ensure_evaluation_models()
    vantaa = Municipality.objects.get(code="092")
    kerava = Municipality.objects.get(code="245")
    organisations = list(
        Organisation.objects.filter(name_fi__in=[row[0] for row in DEMO_ORGANISATIONS]).prefetch_related(
            "municipalities"
        )
    )
    goals = list(PlanGoal.objects.order_by("code"))
    for year in years_of_demo():
        activity_round, _ = GrantRound.objects.get_or_create(
            name="Toiminta-avustukset",
            year=year,
            defaults={
                "grant_type": types["activity"],
                "budget": Decimal("920000"),
                "opens_on": datetime.date(year - 1, 9, 1),
                "closes_on": datetime.date(year - 1, 10, 31),
                "decision_body": "Lähidemokratia- ja osallisuuslautakunta",
                "decision_date": datetime.date(year, 1, 20),
                "decision_section": "§ 4",
                "payment_rule": GrantRound.PaymentRule.TWO,
            },
        )
        for index, organisation in enumerate(organisations):
            grant = _seed_organisation_year(ctx, organisation, index, year, activity_round, vantaa, kerava)
            if grant is not None and goals:
                grant.goals.add(goals[index % len(goals)])
    if ctx.scale == "large":
        _seed_many(ctx, types["activity"])


def _seed_organisation_year(ctx, organisation, index, year, activity_round, vantaa, kerava) -> Grant | None:
    municipalities = list(organisation.municipalities.all())
    municipality = municipalities[0] if len(municipalities) == 1 else None
    activity = ACTIVITIES[index % len(ACTIVITIES)]
    granted = Decimal(8000 + (index * 1733 + year * 71) % 40000)
    is_last_year = year == years_of_demo()[-1]
    grant, created = Grant.objects.get_or_create(
        organisation=organisation,
        year=year,
        activity=activity,
        funder=Funder.COUNTY,
        defaults={
            "grant_round": activity_round,
            "grant_type": activity_round.grant_type,
            "municipality": municipality,
            "purpose": f"{activity} {organisation.name_fi}",
            "amount_applied": granted + 5000,
            "amount_granted": granted,
            "decision_date": activity_round.decision_date,
            "decision_section": activity_round.decision_section,
            "status": Grant.Status.PAID if not is_last_year else Grant.Status.GRANTED,
            "report_due_on": datetime.date(year + 1, 3, 31)
            if not is_last_year
            else datetime.date(year, 12, 15),
            "report_received_on": datetime.date(year + 1, 3, 1)
            if year < years_of_demo()[1] or (not is_last_year and index % 4)
            else None,
            "listed_in_lahella": index % 3 != 0,
            "listed_in_ptv": index % 4 == 0,
        },
    )
    if not created:
        return None
    staff = ctx.users.get(Role.STAFF)  # the demo's history reads as in real use: staff entered them
    services.save_grant(grant, acting_user=staff)
    half = (granted / 2).quantize(Decimal("0.01"))
    services.add_payment(
        grant, datetime.date(year, 2, 15), half, datetime.date(year, 2, 20), half, acting_user=staff
    )
    # A grant is paid when its every instalment is: this year's second one is still to come.
    second_paid = (datetime.date(year, 9, 20), granted - half) if not is_last_year else (None, None)
    services.add_payment(grant, datetime.date(year, 9, 15), granted - half, *second_paid, acting_user=staff)
    if index % 4 == 1:
        services.save_grant(
            Grant(
                organisation=organisation,
                year=year,
                activity=f"{activity} (STEA)",
                funder=Funder.STEA,
                stea_type=SteaType.AY if index % 8 == 1 else SteaType.C,
                amount_applied=granted * 3,
                amount_granted=granted * 2,
                status=Grant.Status.GRANTED,
            ),
            acting_user=staff,
        )
    if index % 6 == 2:
        # The same activity funded by a municipality too: shown as double funding.
        services.save_grant(
            Grant(
                organisation=organisation,
                year=year,
                activity=activity,
                funder=Funder.MUNICIPALITY,
                funder_municipality=kerava if municipality == kerava else vantaa,
                amount_granted=Decimal("3000"),
                status=Grant.Status.GRANTED,
            ),
            acting_user=staff,
        )
    return grant


def _seed_many(ctx: DemoContext, grant_type: GrantType) -> None:
    existing = Grant.objects.filter(activity__startswith="Testitoiminta").count()
    if existing >= LARGE_GRANTS:
        return
    organisations = list(
        Organisation.objects.filter(name_fi__startswith="Testiyhdistys").values_list("pk", flat=True)
    ) or list(Organisation.objects.values_list("pk", flat=True))
    municipalities = list(Municipality.objects.values_list("pk", flat=True)) + [None]
    years = years_of_demo()
    grants = []
    for n in range(existing, LARGE_GRANTS):
        activity = f"Testitoiminta {n:05d}"
        # The year varies for each organisation, so that totals by category change from year to year.
        year = years[(n // len(organisations) + n) % 3]
        status = _benchmark_status(n, year, years[-1])
        rejected = status == Grant.Status.REJECTED
        grants.append(
            Grant(
                organisation_id=organisations[n % len(organisations)],
                year=year,
                grant_type=grant_type,
                municipality_id=municipalities[n % len(municipalities)],
                activity=activity,
                activity_key=normalise_activity(activity),
                funder=Funder.COUNTY if n % 5 else Funder.STEA,
                stea_type="" if n % 5 else SteaType.C,
                amount_applied=Decimal(2000 + n % 50000),
                amount_granted=Decimal(0) if rejected else Decimal(1000 + (n * 37) % 40000),
                status=status,
                report_due_on=None if rejected else datetime.date(year + 1, 3, 31),
                report_received_on=datetime.date(year + 1, 3, 1) if status == Grant.Status.REPORTED else None,
            )
        )
    created = bulk_create_with_history(grants, Grant, batch_size=2000)
    GrantYear.objects.bulk_create(
        [GrantYear(grant=g, year=g.year, amount=g.amount_granted) for g in created], batch_size=5000
    )
    Payment.objects.bulk_create(
        [_single_payment(g) for g in created if g.status != Grant.Status.REJECTED], batch_size=5000
    )
    ctx.log(f"  + {len(created)} grants for benchmarks")


def _benchmark_status(n: int, year: int, last_year: int) -> str:
    """As in real use: a quarter rejected; this year's grants granted or paid; earlier years' use
    reported, but for one in twenty, whose report is overdue."""
    if n % 4 == 3:
        return Grant.Status.REJECTED
    if year == last_year:
        return Grant.Status.PAID if n % 2 else Grant.Status.GRANTED
    return Grant.Status.PAID if n % 20 == 0 else Grant.Status.REPORTED


def _single_payment(grant: Grant) -> Payment:
    """The one instalment of a benchmark grant: made if the grant is shown as paid or reported."""
    planned_on = datetime.date(grant.year, 3, 1)
    paid = grant.status in (Grant.Status.PAID, Grant.Status.REPORTED)
    return Payment(
        grant=grant,
        planned_on=planned_on,
        planned_amount=grant.amount_granted,
        paid_on=planned_on if paid else None,
        paid_amount=grant.amount_granted if paid else None,
    )
