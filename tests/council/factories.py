"""Factories for council meetings: bodies, seats, meetings with items."""

import datetime

import factory
from django.utils import timezone

from council import services
from council.models import AgendaItem, Body, Meeting
from membership.models import CouncilMembership, Role
from tests.factories import OrganisationFactory, UserFactory, user_with_role


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name_fi = factory.Sequence(lambda n: f"Työryhmä {n}")
    slug = factory.Sequence(lambda n: f"tyoryhma-{n}")
    kind = Body.Kind.WORKING_GROUP


def council_body() -> Body:
    return Body.objects.get(slug="neuvottelukunta")


def restore_migration_data() -> None:
    """Browser tests run with transactional_db, whose flush also removes what migrations loaded."""
    from django.apps import apps

    from membership.reference_data import load_reference_data

    load_reference_data(apps.get_model)
    Body.objects.get_or_create(
        slug="neuvottelukunta",
        defaults={
            "kind": Body.Kind.COUNCIL,
            "name_fi": "Järjestöyhteistyön neuvottelukunta",
            "opening_items": "Kokouksen avaus\nLaillisuus ja päätösvaltaisuus",
            "closing_items": "Kokouksen päättäminen",
        },
    )


def in_days(days: int, hour: int = 14) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def make_meeting(body: Body | None = None, days: int = 20, items: int = 0, **fields) -> Meeting:
    body = body or council_body()
    starts = fields.pop("starts_at", None) or in_days(days)
    meeting = Meeting(
        body=body,
        starts_at=starts,
        place=fields.pop("place", "Kielotie 13, Vantaa"),
        remote_link=fields.pop("remote_link", "https://meet.example.fi/abc"),
        agenda_deadline=fields.pop("agenda_deadline", timezone.localdate(starts) - datetime.timedelta(7)),
        **fields,
    )
    services.create_meeting(meeting)
    for n in range(items):
        services.add_item(
            meeting,
            title=f"Asia {n + 1}",
            background=f"Taustaa {n + 1}",
            proposal=f"Ehdotus {n + 1}",
            is_public=n % 5 != 4,
            public_title="" if n % 5 != 4 else f"Asiakasasia {n + 1}",
            withholding_ground="" if n % 5 != 4 else "24.1.25",
        )
    return meeting


def seat(user=None, deputy_user=None, language: str = "fi", **fields) -> CouncilMembership:
    """A council seat held by `user`, optionally with a personal deputy."""
    user = user or user_with_role(Role.MEMBER, preferred_language=language)
    today = timezone.localdate()
    organisation = OrganisationFactory()
    principal = CouncilMembership.objects.create(
        user=user,
        full_name=str(user),
        email=user.email,
        organisation=organisation,
        starts_on=today - datetime.timedelta(days=365),
        ends_on=today + datetime.timedelta(days=900),
        **fields,
    )
    if deputy_user is not None:
        CouncilMembership.objects.create(
            user=deputy_user,
            full_name=str(deputy_user),
            email=deputy_user.email,
            organisation=organisation,
            position=CouncilMembership.Position.DEPUTY,
            deputy_of=principal,
            starts_on=principal.starts_on,
            ends_on=principal.ends_on,
        )
    return principal


def deputy_user():
    return user_with_role(Role.MEMBER)


__all__ = ["AgendaItem", "BodyFactory", "UserFactory", "council_body", "deputy_user", "make_meeting", "seat"]
