from django.core.management.base import BaseCommand

from membership.calls.privacy import anonymise_expired_nominations


class Command(BaseCommand):
    help = "Erase the personal data of nominations whose call's retention period has ended."

    def handle(self, *args, **options):
        count = anonymise_expired_nominations()
        self.stdout.write(f"{count} nominations anonymised.")
