"""Factories for nomination calls, nominations and council seats."""

import datetime

import factory
from django.utils import timezone

from membership.models import (
    CallSeatRule,
    CouncilMembership,
    Municipality,
    MunicipalityQuota,
    Nomination,
    NominationCall,
    SeatCategory,
)
from tests.factories import OrganisationFactory


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NominationCall

    title_fi = factory.Sequence(lambda n: f"Haku {n}")
    title_sv = factory.Sequence(lambda n: f"Ansökan {n}")
    title_en = factory.Sequence(lambda n: f"Call {n}")
    description_fi = "Neuvottelukuntaan haetaan jäseniä."
    criteria_fi = "Järjestön asiantuntemus ja verkostot."
    time_commitment_fi = "4–6 kokousta vuodessa, noin 2 tuntia kukin."
    term_starts_on = datetime.date(2027, 6, 1)
    term_ends_on = datetime.date(2029, 5, 31)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    status = NominationCall.Status.PUBLISHED
    personal_deputies = True
    max_consecutive_terms = 2
    retention_until = datetime.date(2030, 12, 31)


def add_seats(call: NominationCall, codes=("pensioners",), low: int = 1, high: int = 2) -> None:
    for code in codes:
        CallSeatRule.objects.create(
            call=call, seat_category=SeatCategory.objects.get(code=code), min_seats=low, max_seats=high
        )


def add_quota(call: NominationCall, code: str, low: int, high: int | None = None) -> MunicipalityQuota:
    return MunicipalityQuota.objects.create(
        call=call, municipality=Municipality.objects.get(code=code), min_seats=low, max_seats=high
    )


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    seat_category = factory.LazyAttribute(lambda o: o.organisation.seat_category)
    status = Nomination.Status.SUBMITTED
    representative_name = factory.Faker("name", locale="fi_FI")
    representative_email = factory.Sequence(lambda n: f"edustaja{n}@example.fi")
    representative_role = "puheenjohtaja"
    representative_capacity = Nomination.Capacity.VOLUNTEER
    deputy_name = factory.Faker("name", locale="fi_FI")
    deputy_email = factory.Sequence(lambda n: f"varajasen{n}@example.fi")
    deputy_role = "sihteeri"
    deputy_capacity = Nomination.Capacity.VOLUNTEER
    motivation = "Pitkä kokemus järjestötyöstä."
    expertise = "Ikäihmisten palvelut."
    languages = "suomi"
    accepts_time_commitment = True
    consents_to_processing = True
    submitted_at = factory.LazyFunction(timezone.now)


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMembership

    full_name = factory.Faker("name", locale="fi_FI")
    email = factory.Sequence(lambda n: f"jasen{n}@example.fi")
    organisation = factory.SubFactory(OrganisationFactory)
    seat_category = factory.LazyAttribute(lambda o: o.organisation.seat_category)
    position = CouncilMembership.Position.MEMBER
    starts_on = datetime.date(2025, 6, 1)
    ends_on = datetime.date(2027, 5, 31)
