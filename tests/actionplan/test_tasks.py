import pytest
from django_celery_beat.models import PeriodicTask

from actionplan import tasks
from actionplan.models import Indicator, ReadingReminder
from membership.models import Role
from tests.factories import user_with_role


@pytest.mark.django_db
def test_reminder_task_is_scheduled_daily_and_calls_the_service():
    task = PeriodicTask.objects.get(name="actionplan: reading reminders")
    assert task.task == "actionplan.send_reading_reminders" and task.crontab.hour == "7"
    Indicator.objects.exclude(code="01.1.a").update(next_reading_due=None)
    Indicator.objects.filter(code="01.1.a").update(next_reading_due="2020-01-01")

    user_with_role(Role.STAFF)
    assert tasks.send_reading_reminders() == 1
    assert ReadingReminder.objects.get().kind == ReadingReminder.Kind.OVERDUE
    assert tasks.send_reading_reminders() == 0
