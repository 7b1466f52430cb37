from django.db import migrations, models
from django.utils import timezone


def sweep_every(minutes):
    def change(apps, schema_editor):
        IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
        every, _ = IntervalSchedule.objects.get_or_create(every=minutes, period="minutes")
        PeriodicTask.objects.filter(name="reports-sweep-stalled-runs").update(interval=every)
        # A QuerySet.update() does not tell beat; this does.
        PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})

    return change


class Migration(migrations.Migration):
    """Running runs keep a heartbeat, and the sweep looks for stale ones every minute, not every 5."""

    dependencies = [
        ("reports", "0003_random_file_names"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportrun",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last sign of life"),
        ),
        migrations.RunPython(sweep_every(1), sweep_every(5)),
    ]
