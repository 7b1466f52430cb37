import datetime
from decimal import Decimal

import factory

from grants.models import Funder, Grant, GrantRound, GrantType, GrantYear
from tests.factories import OrganisationFactory


class GrantRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantRound

    name = factory.Sequence(lambda n: f"Toiminta-avustukset {n}")
    year = 2025
    grant_type = factory.LazyFunction(lambda: GrantType.objects.get(code="activity"))
    budget = Decimal("920000")
    opens_on = datetime.date(2024, 9, 1)
    closes_on = datetime.date(2024, 10, 31)


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2025
    activity = factory.Sequence(lambda n: f"Vertaistuki {n}")
    funder = Funder.COUNTY
    amount_applied = Decimal("12000")
    amount_granted = Decimal("10000")
    status = Grant.Status.GRANTED
    grant_type = factory.LazyFunction(lambda: GrantType.objects.get(code="activity"))

    @factory.post_generation
    def share(obj, create, extracted, **kwargs):
        if create:
            GrantYear.objects.create(grant=obj, year=obj.year, amount=obj.amount_granted)
