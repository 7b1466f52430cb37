import importlib

import factory
from django.apps import apps

from reports.models import Audience, ReportDefinition, ReportRun, ScheduleKind


def audience(code: str = "board") -> Audience:
    if not Audience.objects.filter(code=code).exists():
        # A transactional test before this one emptied what the data migration loaded.
        importlib.import_module("reports.migrations.0002_audiences_and_sweep").forwards(apps, None)
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
