import factory

from reports.models import Audience, ReportDefinition, ReportRun, ScheduleKind


def audience(code: str = "board") -> Audience:
    return Audience.objects.get(code=code)


class ReportDefinitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportDefinition

    name = factory.Sequence(lambda n: f"Puolivuosiraportti {n}")
    audience = factory.LazyFunction(audience)
    language = "fi"
    sections = factory.LazyFunction(list)
    recipient_emails = "lautakunta@example.fi"
    schedule = ScheduleKind.MANUAL


class ReportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportRun

    definition = factory.SubFactory(ReportDefinitionFactory)
    period = "2026-H1"
