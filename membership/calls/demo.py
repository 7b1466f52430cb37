"""Demo data: a decided past call with a full council, and an open call with nominations."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..demo import DemoContext, register
from ..kernel import versions
from ..models import (
    CallSeatRule,
    Municipality,
    MunicipalityQuota,
    Nomination,
    NominationCall,
    Organisation,
    Role,
    SeatCategory,
)
from .decision import ExtraSeat, record_decision
from .services import save_criteria, score_by_criteria

PAST_TITLE = "Neuvottelukunnan jäsenhaku 2025–2027"
OPEN_TITLE = "Neuvottelukunnan jäsenhaku 2027–2031"
CRITERIA = (
    "Järjestö toimii Vantaalla tai Keravalla ja edustaa ryhmänsä järjestöjä laajasti.\n"
    "Ehdokkaalla on kokemusta järjestötyöstä ja halu tuoda kentän näkemykset esiin.\n"
    "Valinnassa huomioidaan monimuotoisuus: kielet, järjestöjen koko ja vapaaehtoisvoimin toimivat järjestöt."
)
CRITERIA_SV = "Organisationen verkar i Vanda eller Kervo och företräder sin grupp brett."
# The criteria of the open call as published, with weights in percent.
CRITERIA_WEIGHTS = [
    (
        "Järjestön asiantuntemus ja toiminta Vantaalla tai Keravalla",
        "Organisationens sakkunskap",
        Decimal(40),
    ),
    ("Ehdokkaan kokemus järjestötyöstä", "Kandidatens erfarenhet", Decimal(30)),
    ("Monimuotoisuus: kielet, koko, vapaaehtoisvoimin toimivat", "Mångfald", Decimal(30)),
]
COMMITMENT = "4–6 kokousta vuodessa (noin 2 tuntia), valmistautuminen ja osallistuminen työryhmiin."
COMMITMENT_SV = "4–6 möten per år (cirka 2 timmar), förberedelser och arbetsgrupper."
FIRST_NAMES = [
    "Aino",
    "Eero",
    "Helmi",
    "Ilkka",
    "Kaisa",
    "Lauri",
    "Minna",
    "Olli",
    "Riikka",
    "Timo",
    "Sanna",
    "Pekka",
]
LAST_NAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Lehtonen", "Hämäläinen", "Laine", "Heikkinen"]


def _call(title: str, **fields) -> tuple[NominationCall, bool]:
    defaults = {
        "title_sv": title.replace("Neuvottelukunnan jäsenhaku", "Ansökan till delegationen"),
        "title_en": title.replace("Neuvottelukunnan jäsenhaku", "Call for council members"),
        "description_fi": "Vantaan ja Keravan hyvinvointialueen järjestöyhteistyön neuvottelukuntaan haetaan "
        "järjestöjen edustajia ja henkilökohtaisia varajäseniä.",
        "description_sv": "Organisationerna nominerar en representant och en personlig ersättare.",
        "criteria_fi": CRITERIA,
        "criteria_sv": CRITERIA_SV,
        "time_commitment_fi": COMMITMENT,
        "time_commitment_sv": COMMITMENT_SV,
        "status": NominationCall.Status.PUBLISHED,
        "total_seats": 16,
        "personal_deputies": True,
        "max_consecutive_terms": 2,
        **fields,
    }
    return NominationCall.objects.get_or_create(title_fi=title, defaults=defaults)


def _rules(call: NominationCall, quotas: bool) -> None:
    for category in SeatCategory.objects.filter(is_active=True):
        low, high = (0, 2) if category.is_multi_sector else (2, 2)
        CallSeatRule.objects.get_or_create(
            call=call, seat_category=category, defaults={"min_seats": low, "max_seats": high}
        )
    if quotas:
        # Seed 000's scenario: exactly 9 organisations from Vantaa and 3 from Kerava.
        for code, seats in (("092", 9), ("245", 3)):
            MunicipalityQuota.objects.get_or_create(
                call=call,
                municipality=Municipality.objects.get(code=code),
                defaults={"min_seats": seats, "max_seats": seats},
            )


def _person(ctx: DemoContext, index: int) -> tuple[str, str]:
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index * 5) % len(LAST_NAMES)]
    return f"{first} {last}", f"{first.lower()}.{last.lower()}{index}@example.fi"


def _nominate(
    ctx: DemoContext, call: NominationCall, organisation: Organisation, index: int, **extra
) -> Nomination:
    name, email = _person(ctx, index)
    deputy_name, deputy_email = _person(ctx, index + 50)
    defaults = {
        "seat_category": organisation.seat_category,
        "status": Nomination.Status.SUBMITTED,
        "representative_name": name,
        "representative_email": email,
        "representative_phone": f"040 555 {index:04d}",
        "representative_role": ctx.rng.choice(["puheenjohtaja", "toiminnanjohtaja", "hallituksen jäsen"]),
        "representative_capacity": ctx.rng.choice(list(Nomination.Capacity.values)),
        "deputy_name": deputy_name,
        "deputy_email": deputy_email,
        "deputy_role": "hallituksen jäsen",
        "deputy_capacity": Nomination.Capacity.VOLUNTEER,
        "motivation": "Pitkä kokemus järjestötyöstä ja yhteistyöstä hyvinvointialueen kanssa.",
        "expertise": f"{organisation.seat_category.name_fi}: vertaistuki ja vapaaehtoistoiminta.",
        "networks": "Paikallinen järjestöverkosto ja pienet yhdistykset",
        "languages": "suomi" if index % 3 else "suomi, ruotsi",
        "accepts_time_commitment": True,
        "consents_to_processing": True,
        "submitted_at": call.opens_at + datetime.timedelta(days=1 + index % 10),
        **extra,
    }
    nomination, _ = Nomination.objects.get_or_create(call=call, organisation=organisation, defaults=defaults)
    return nomination


@register(15, "membership calls")
@transaction.atomic
def seed_calls(ctx: DemoContext) -> None:
    now = timezone.now()
    demo_orgs = list(
        Organisation.objects.filter(seat_category__isnull=False)
        .exclude(name_fi__startswith="Testiyhdistys")
        .select_related("seat_category")
        .order_by("pk")
    )
    past, _ = _call(
        PAST_TITLE,
        term_starts_on=datetime.date(2025, 6, 1),
        term_ends_on=datetime.date(2027, 5, 31),
        opens_at=datetime.datetime(2025, 3, 1, 8, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2025, 4, 15, 13, tzinfo=datetime.UTC),
        retention_until=datetime.date(2027, 12, 31),
    )
    _rules(past, quotas=False)
    if not past.is_decided:
        member_login = ctx.users.get(Role.MEMBER)
        for index, organisation in enumerate(demo_orgs):
            extra = {"in_proposal": not organisation.seat_category.is_multi_sector}
            if index == 2 and member_login is not None:
                extra["representative_email"] = member_login.email
                extra["representative_name"] = member_login.get_full_name()
            _nominate(ctx, past, organisation, index, **extra)
        record_decision(
            past,
            "Lähidemokratia- ja osallisuuslautakunta",
            datetime.date(2025, 5, 20),
            "§ 33",
            [
                ExtraSeat("chair", "Paula Puheenjohtaja", "paula.puheenjohtaja@example.fi"),
                ExtraSeat("vice_chair", "Ville Varapuheenjohtaja", "ville.varapj@example.fi"),
                ExtraSeat("board_rep", "Laura Lautakunta", "lautakunta@example.fi"),
            ],
            notify=False,
            # The demo's staff login decided it, so that the history reads as in real use.
            acting_user=ctx.users.get(Role.STAFF),
        )
        ctx.log("  + a decided call with a full council")

    current, created = _call(
        OPEN_TITLE,
        term_starts_on=datetime.date(2027, 6, 1),
        term_ends_on=datetime.date(2031, 5, 31),
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=30),
        retention_until=datetime.date(2032, 12, 31),
    )
    _rules(current, quotas=True)
    if created:
        save_criteria(current, CRITERIA_WEIGHTS)
        criteria = list(current.scoring_criteria.all())
        # The demo NGO login's own organisation (the first) is left for trying the form, and
        # employment gets no nominations so that the board shows an empty category.
        for index, organisation in enumerate(demo_orgs[1:], start=1):
            if organisation.seat_category.code == "employment":
                continue
            nomination = _nominate(ctx, current, organisation, index + 100, in_proposal=index % 2 == 1)
            if index % 3 == 0:
                values = [
                    (c, 2 + (index + order) % 4, "Vahva perustelu.") for order, c in enumerate(criteria)
                ]
                score_by_criteria(nomination, values, acting_user=ctx.users.get(Role.STAFF))
        ctx.log("  + an open call with nominations in most categories")
    if ctx.scale == "large":
        _many_nominations(current)


def _many_nominations(call: NominationCall, count: int = 500) -> None:
    """Nominations from the benchmark organisations, for the benchmark's lists and board."""
    existing = call.nominations.filter(organisation__name_fi__startswith="Testiyhdistys").count()
    if existing >= count:
        return
    organisations = Organisation.objects.filter(name_fi__startswith="Testiyhdistys").exclude(
        nominations__call=call
    )
    Nomination.objects.bulk_create(
        [
            Nomination(
                call=call,
                organisation=organisation,
                seat_category_id=organisation.seat_category_id,
                status=Nomination.Status.SUBMITTED,
                representative_name=f"Edustaja {organisation.pk}",
                representative_email=f"edustaja{organisation.pk}@example.fi",
                representative_role="jäsen",
                representative_capacity=Nomination.Capacity.VOLUNTEER,
                deputy_name=f"Varajäsen {organisation.pk}",
                deputy_email=f"varajasen{organisation.pk}@example.fi",
                deputy_role="jäsen",
                deputy_capacity=Nomination.Capacity.VOLUNTEER,
                motivation="Kokemusta järjestötyöstä.",
                expertise="Vertaistuki",
                languages="suomi",
                accepts_time_commitment=True,
                consents_to_processing=True,
                submitted_at=timezone.now(),
            )
            for organisation in organisations.order_by("pk")[: count - existing]
        ],
        batch_size=500,
    )
    versions.changed(*versions.topics_of(Nomination))  # bulk_create sends no signals
