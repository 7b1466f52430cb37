from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from membership.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo staff logins (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp is only for development (DJANGO_DEBUG=1).")
        from allauth.mfa.totp.internal.auth import (
            format_hotp_value,
            hotp_value,
            yield_hotp_counters_from_time,
        )

        counters = list(yield_hotp_counters_from_time())
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counters[len(counters) // 2])))
