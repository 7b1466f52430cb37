from django.db import migrations

AUDIENCES = [
    ("board", "Lähidemokratia- ja osallisuuslautakunta", "Nämnden för närdemokrati och delaktighet",
     "Board (local democracy and participation committee)", False, 10),
    ("hyte", "HYTE-tulosalue", "HYTE-resultatområdet", "HYTE task area", True, 20),
    ("council", "Järjestöyhteistyön neuvottelukunta", "Delegationen för organisationssamarbete",
     "NGO cooperation council", True, 30),
    ("specialists", "Toimialojen asiantuntijat", "Sektorernas sakkunniga", "Sector specialists", True, 40),
]


def forwards(apps, schema_editor):
    Audience = apps.get_model("reports", "Audience")
    for code, fi, sv, en, detailed, order in AUDIENCES:
        Audience.objects.update_or_create(
            code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "detailed": detailed, "order": order}
        )
    # The sweep that finds runs left by a dead worker; beat reads it from the database.
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.update_or_create(
        name="reports-sweep-stalled-runs",
        defaults={"task": "reports.sweep_stalled_runs", "interval": every, "enabled": True},
    )
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name="reports-sweep-stalled-runs").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
