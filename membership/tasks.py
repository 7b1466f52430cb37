"""Celery tasks of the ground floor, found by autodiscovery."""

from celery import shared_task

from . import mailqueue
from .calls.tasks import erase_expired_nominations

__all__ = ["erase_expired_nominations", "send_queued_mail"]


@shared_task(name="membership.send_queued_mail", ignore_result=True)
def send_queued_mail() -> dict[str, int]:
    return mailqueue.send_due_mail()


@shared_task(name="membership.run_export", ignore_result=True)
def run_export(job_id: int) -> None:
    from .exports import run_job

    run_job(job_id)
