"""Write a report's PDF without Celery: render_report board --period 2026-H1 --output board.pdf"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from membership.kernel.periods import Period, PeriodError
from reports import rendering
from reports.models import Audience
from reports.services import default_sections


class Command(BaseCommand):
    help = "Render the progress report of an audience for a period into a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("audience", help="audience code, such as board or hyte")
        parser.add_argument("--period", required=True, help="2026, 2026-H1 or 2026-Q3")
        parser.add_argument("--output", required=True, help="the PDF file to write")
        parser.add_argument("--language", default="fi", choices=[code for code, _ in settings.LANGUAGES])
        parser.add_argument("--html", action="store_true", help="write the HTML instead of the PDF")

    def handle(self, *args, audience, period, output, language, html, **options):
        found = Audience.objects.filter(code=audience).first()
        if found is None:
            known = ", ".join(Audience.objects.values_list("code", flat=True))
            raise CommandError(f"Unknown audience {audience!r}; known audiences: {known}.")
        try:
            parsed = Period.parse(period)
        except PeriodError as error:
            raise CommandError(f"Unknown period {period!r}: {error}") from error
        from django.utils import translation

        with translation.override(language):
            name = found.name
        snapshot = rendering.build_snapshot(
            audience_code=found.code,
            audience_name=name,
            detailed=found.detailed,
            language=language,
            section_keys=default_sections(),
            period=parsed,
        )
        target = Path(output)
        if html:
            target.write_text(rendering.render_document_html(snapshot), encoding="utf-8")
        else:
            target.write_bytes(rendering.render_pdf(snapshot))
        self.stdout.write(f"{target} ({target.stat().st_size} bytes)")
