from django.db import migrations

# A frozen copy of grants/reference_data.py as this migration loaded it: later edits do not change it.
GRANT_TYPES = [
    ("activity", "Toiminta-avustus", "Verksamhetsbidrag", "Activity grant", False),
    (
        "project",
        "Hanke- tai kohdeavustus",
        "Projekt- eller riktat bidrag",
        "Project or targeted grant",
        False,
    ),
    (
        "partnership",
        "Monivuotinen kumppanuusavustus",
        "Flerårigt partnerskapsbidrag",
        "Multi-year partnership grant",
        True,
    ),
    ("one-off", "Kerta-avustus", "Engångsbidrag", "One-off grant", False),
]


def forwards(apps, schema_editor):
    GrantType = apps.get_model("grants", "GrantType")
    for order, (code, fi, sv, en, multi) in enumerate(GRANT_TYPES):
        GrantType.objects.get_or_create(
            code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "is_multi_year": multi, "order": order}
        )
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="7", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Europe/Helsinki"
    )
    PeriodicTask.objects.get_or_create(
        name="grants: use report reminders",
        defaults={"task": "grants.tasks.send_report_reminders", "crontab": schedule},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
