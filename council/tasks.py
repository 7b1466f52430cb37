from celery import shared_task

from . import services


@shared_task
def send_meeting_reminders() -> int:
    return services.send_due_reminders()


@shared_task
def mail_agenda_invitations() -> int:
    return services.mail_agenda_invitations()
