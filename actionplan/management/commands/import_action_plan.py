from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from actionplan.plan_data import PLAN_FILE, import_plan


class Command(BaseCommand):
    help = "Load or update the action plan from its YAML file. Idempotent: a second run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(PLAN_FILE))

    def handle(self, *args, path: str, **options):
        with transaction.atomic():
            result = import_plan(apps.get_model, path)
        self.stdout.write(
            f"{result.goals} goals, {result.measures} measures, {result.indicators} indicators; "
            f"{result.changed} rows created or changed."
        )
