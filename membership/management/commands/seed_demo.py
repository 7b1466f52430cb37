from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import autodiscover_modules

from membership import demo


class Command(BaseCommand):
    help = "Fill every feature with realistic demo data and create one login per role. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "large"], default="small")

    def handle(self, *args, scale: str, **options):
        autodiscover_modules("demo")
        ctx = demo.DemoContext(scale=scale, log=self.stdout.write)
        for _order, name, seeder in sorted(demo.SEEDERS, key=lambda item: item[0]):
            self.stdout.write(f"Seeding {name}…")
            seeder(ctx)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data is ready. Logins (password for all: {demo.DEMO_PASSWORD}):")
        )
        for email, _first, _last, role in demo.DEMO_LOGINS:
            self.stdout.write(f"  {role:<12} {email}")
        self.stdout.write(
            f"Staff and administrator sign in with a TOTP code; the demo secret is {demo.DEMO_TOTP_SECRET} "
            f"(or run: python manage.py demo_totp)."
        )
        self.stdout.write(f"Open {settings.SITE_URL}/")
