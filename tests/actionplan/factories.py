"""Factories for the action plan's tests."""

from decimal import Decimal

import factory

from actionplan.models import (
    Indicator,
    IndicatorTarget,
    Measure,
    Plan,
    PlanGoal,
    StrategicGoal,
)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("code",)

    code = "test-2026-2030"
    title_fi = "Testisuunnitelma 2026–2030"
    first_year = 2026
    last_year = 2030


class StrategicGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicGoal

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"S{n}")
    title_fi = "Strategian tavoite"


class PlanGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(PlanFactory)
    strategic_goal = factory.SubFactory(StrategicGoalFactory, plan=factory.SelfAttribute("..plan"))
    code = factory.Sequence(lambda n: f"{n + 1:02d}")
    title_fi = factory.Sequence(lambda n: f"Tavoite {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    goal = factory.SubFactory(PlanGoalFactory)
    code = factory.Sequence(lambda n: f"M{n}")
    order = factory.Sequence(lambda n: n)
    title_fi = factory.Sequence(lambda n: f"Toimenpide {n}")
    baseline_fi = "Lähtötaso"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    measure = factory.SubFactory(MeasureFactory)
    code = factory.Sequence(lambda n: f"I{n}")
    name_fi = factory.Sequence(lambda n: f"Mittari {n}")
    kind = Indicator.Kind.GRADE
    scale_min = Decimal(1)
    scale_max = Decimal(5)
    baseline_value = Decimal("3.0")
    baseline_year = 2025
    collection = Indicator.Collection.STAKEHOLDER_SURVEY

    @factory.post_generation
    def target(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            IndicatorTarget.objects.create(indicator=obj, year=2030, value=extracted or Decimal(4))
