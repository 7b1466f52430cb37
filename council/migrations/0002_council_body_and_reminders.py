"""The council itself as a body, and the hourly reminder sweep in Celery beat."""

from django.db import migrations

OPENING = "Kokouksen avaus\nLaillisuus ja päätösvaltaisuus\nPöytäkirjantarkastajien valinta\nEsityslistan hyväksyminen"
CLOSING = "Muut asiat\nSeuraava kokous\nKokouksen päättäminen"


def forward(apps, schema_editor):
    Body = apps.get_model("council", "Body")
    Body.objects.get_or_create(
        slug="neuvottelukunta",
        defaults={
            "kind": "council",
            "name_fi": "Järjestöyhteistyön neuvottelukunta",
            "name_sv": "Delegationen för organisationssamarbete",
            "name_en": "NGO cooperation advisory council",
            "language": "fi",
            "opening_items": OPENING,
            "closing_items": CLOSING,
        },
    )
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_hour, _ = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    PeriodicTask.objects.get_or_create(
        name="council: meeting reminders",
        defaults={"task": "council.tasks.send_meeting_reminders", "interval": every_hour},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
