"""Beat sends the mail queue every minute: retries, and messages stored while Redis was down."""

from django.db import migrations

NAME = "Send queued mail"


def schedule(apps, schema_editor):
    interval_model = apps.get_model("django_celery_beat", "IntervalSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = interval_model.objects.get_or_create(every=60, period="seconds")
    task_model.objects.update_or_create(
        name=NAME, defaults={"task": "membership.send_queued_mail", "interval": every, "enabled": True}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0005_erase_expired_nominations_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("post_office", "0001_initial"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
