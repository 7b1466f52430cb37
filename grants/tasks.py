from celery import shared_task

from . import services


@shared_task
def send_report_reminders() -> int:
    """Daily: remind NGO contacts of use reports due soon or overdue."""
    return services.send_report_reminders()
