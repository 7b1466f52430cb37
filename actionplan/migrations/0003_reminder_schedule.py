from django.db import migrations, models


def schedule(apps, schema_editor):
    crontab_model = apps.get_model("django_celery_beat", "CrontabSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    # Every morning at 7.15 Finnish time, away from the daylight-saving hours.
    crontab, _ = crontab_model.objects.get_or_create(
        minute="15", hour="7", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Europe/Helsinki"
    )
    task_model.objects.get_or_create(
        name="actionplan: reading reminders",
        defaults={"task": "actionplan.send_reading_reminders", "crontab": crontab},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name="actionplan: reading reminders"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actionplan", "0002_load_plan_2026_2030"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AlterField(model_name="readingreminder", name="sent_to", field=models.TextField()),
        migrations.RunPython(schedule, unschedule),
    ]
