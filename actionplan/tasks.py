from celery import shared_task

from . import reminders


@shared_task(name="actionplan.send_reading_reminders")
def send_reading_reminders() -> int:
    return reminders.send_reading_reminders()
