"""Demo data for seed_demo: a registry each app adds its own seeder to, and the ground floor's own.

Apps register in their own `demo.py` modules; seed_demo discovers those modules, so this app
never imports the apps that stand on it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.db import transaction
from django.utils import timezone

from .models import (
    ActivityLanguage,
    Municipality,
    Organisation,
    OrganisationContact,
    PrhMainClass,
    Role,
    SeatCategory,
    TargetGroup,
    User,
)
from .reference_data import load_reference_data
from .services import assign_role

DEMO_PASSWORD = "demo-salasana-2026"  # noqa: S105 - printed for the demo logins on purpose
# A fixed TOTP secret for the demo staff logins, so that a developer can add it to an authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass
class DemoContext:
    scale: str = "small"
    rng: random.Random = field(default_factory=lambda: random.Random(2026))  # noqa: S311
    users: dict[str, User] = field(default_factory=dict)
    log: Callable[[str], None] = print


SEEDERS: list[tuple[int, str, Callable[[DemoContext], None]]] = []


def register(order: int, name: str):
    """Register a seeder; a lower order runs first (the floors: membership 10, actionplan 20, ...)."""

    def decorator(func):
        if all(existing != name for _, existing, _ in SEEDERS):
            SEEDERS.append((order, name, func))
        return func

    return decorator


DEMO_LOGINS = [
    ("admin@example.fi", "Aino", "Ylläpitäjä", Role.ADMIN),
    ("hyte@example.fi", "Helmi", "Hyte", Role.STAFF),
    ("jasen@example.fi", "Jussi", "Jäsen", Role.MEMBER),
    ("lautakunta@example.fi", "Laura", "Lautakunta", Role.BOARD),
    ("jarjesto@example.fi", "Jenni", "Järjestö", Role.NGO_CONTACT),
]

# Real-looking association names across the council's categories; business IDs are computed
# with valid check digits, not taken from real organisations.
DEMO_ORGANISATIONS = [
    ("Vantaan Perhetalo ry", "Vanda Familjehus rf", "child-protection", ["092"], False),
    ("Keravan Lapsiperheiden tuki ry", "", "child-protection", ["245"], True),
    ("Vantaan Invalidit ry", "Vanda Invalider rf", "illness-disability", ["092"], True),
    ("Keravan Sydänyhdistys ry", "", "illness-disability", ["245"], True),
    ("Vantaan Eläkeläiset ry", "Vanda Pensionärer rf", "pensioners", ["092"], True),
    ("Keravan Seniorit ry", "Kervo Seniorer rf", "pensioners", ["245"], True),
    ("Vantaan Nuorten Tuki ry", "", "health-promotion", ["092", "245"], False),
    ("Monikulttuurinen Naisten Yhdistys ry", "", "health-promotion", ["092"], True),
    ("Vantaan Mielenterveysseura ry", "Vanda Mentalvårdssällskap rf", "other-social-health", ["092"], False),
    ("Keravan Omaishoitajat ry", "", "other-social-health", ["245"], True),
    ("Vantaan Vanhustentuki ry", "", "older-people", ["092"], False),
    ("Keravan Ikäihmisten Kerho ry", "", "older-people", ["245"], True),
    ("Työpaja Vantaa ry", "", "employment", ["092"], False),
    ("Keravan Työttömät ry", "", "employment", ["245"], True),
    ("Vantaan A-kilta ry", "", "addictions", ["092"], True),
    ("Keravan Raittiusseura ry", "Kervo Nykterhetsförening rf", "addictions", ["245"], True),
    ("Vantaan Järjestöverkosto ry", "Vanda Organisationsnätverk rf", "multi-sector", ["092", "245"], False),
    ("Svenska Föreningen i Vanda rf", "Svenska Föreningen i Vanda rf", "multi-sector", ["092"], True),
]


def business_id_for(number: int) -> str:
    """A syntactically valid business ID (mod-11 check digit) for demo data."""
    from stdnum.fi import ytunnus

    while True:
        digits = f"{number:07d}"
        for check in range(10):
            candidate = f"{digits}-{check}"
            if ytunnus.is_valid(candidate):
                return candidate
        number += 1


def demo_user(email: str, first: str, last: str, language: str = "fi") -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "preferred_language": language}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def ensure_totp(user: User) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import encrypt

    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}}
    )


@register(10, "membership")
@transaction.atomic
def seed_membership(ctx: DemoContext) -> None:
    load_reference_data(django_apps.get_model)
    categories = {c.code: c for c in SeatCategory.objects.all()}
    social = PrhMainClass.objects.get(code="social-health")
    municipalities = {m.code: m for m in Municipality.objects.all()}
    finnish = ActivityLanguage.objects.get(code="fi")
    swedish = ActivityLanguage.objects.get(code="sv")
    target_groups = list(TargetGroup.objects.all())

    for email, first, last, role in DEMO_LOGINS:
        user = demo_user(email, first, last)
        if role != Role.NGO_CONTACT:
            assign_role(user, role)
        if role in (Role.ADMIN, Role.STAFF):
            ensure_totp(user)
        ctx.users[role] = user

    for index, (name_fi, name_sv, category, munis, volunteer) in enumerate(DEMO_ORGANISATIONS):
        organisation, created = Organisation.objects.get_or_create(
            business_id=business_id_for(3100000 + index * 1379),
            defaults={
                "name_fi": name_fi,
                "name_sv": name_sv,
                "prh_class": social,
                "seat_category": categories[category],
                "is_volunteer_run": volunteer,
                "website": f"https://www.example.fi/{index}",
                "created_at": timezone.now(),
            },
        )
        if created:
            organisation.municipalities.set([municipalities[code] for code in munis])
            organisation.home_municipality = municipalities[munis[0]]
            organisation.save(update_fields=["home_municipality"])
            organisation.languages.set([finnish, swedish] if name_sv else [finnish])
            organisation.target_groups.set(ctx.rng.sample(target_groups, 2))
        if index == 0:
            OrganisationContact.objects.get_or_create(
                organisation=organisation, user=ctx.users[Role.NGO_CONTACT], defaults={"is_primary": True}
            )
        else:
            slug = f"yhteyshenkilo{index}@example.fi"
            contact = demo_user(slug, "Yhteys", f"Henkilö {index}")
            OrganisationContact.objects.get_or_create(
                organisation=organisation, user=contact, defaults={"is_primary": True}
            )

    if ctx.scale == "large":
        _seed_many_organisations(ctx, social, list(categories.values()), list(municipalities.values()))


def _seed_many_organisations(
    ctx: DemoContext, prh_class, categories, municipalities, count: int = 3000
) -> None:
    existing = Organisation.objects.filter(name_fi__startswith="Testiyhdistys").count()
    if existing >= count:
        return
    through = Organisation.municipalities.through
    organisations = [
        Organisation(
            name_fi=f"Testiyhdistys {n:05d} ry",
            business_id=business_id_for(5000000 + n * 7),
            prh_class=prh_class,
            seat_category=categories[n % len(categories)],
            is_volunteer_run=n % 3 == 0,
        )
        for n in range(existing, count)
    ]
    created = Organisation.objects.bulk_create(organisations, batch_size=1000)
    through.objects.bulk_create(
        [
            through(organisation_id=o.pk, municipality_id=municipalities[i % 4 == 0].pk)
            for i, o in enumerate(created)
        ],
        batch_size=2000,
    )
    ctx.log(f"  + {len(created)} organisations for benchmarks")


from .calls import demo as calls_demo  # noqa: E402,F401 - registers the seeder of nomination calls
