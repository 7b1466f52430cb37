"""Celery tasks of the ground floor, found by autodiscovery."""

from celery import shared_task

from . import mailqueue
from .calls.tasks import erase_expired_nominations

__all__ = ["erase_expired_nominations", "send_queued_mail", "sweep_export_jobs"]


@shared_task(name="membership.send_queued_mail", ignore_result=True)
def send_queued_mail() -> dict[str, int]:
    return mailqueue.send_due_mail()


@shared_task(name="membership.run_export", ignore_result=True)
def run_export(job_id: int) -> None:
    from .exports import run_job

    run_job(job_id)


@shared_task(name="membership.sweep_export_jobs", ignore_result=True)
def sweep_export_jobs() -> dict[str, int]:
    from .exports import sweep_stalled_jobs

    return sweep_stalled_jobs()
