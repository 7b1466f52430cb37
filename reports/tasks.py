"""Thin Celery tasks; the services hold the logic and make every task safe to run twice."""

from celery import shared_task

from . import services


@shared_task(name="reports.run_scheduled_report")
def run_scheduled_report(definition_id: int) -> None:
    services.run_scheduled(definition_id)


@shared_task(name="reports.generate_run")
def generate_run(run_id: int) -> None:
    services.execute_run(run_id)


@shared_task(name="reports.deliver_run")
def deliver_run(run_id: int) -> None:
    services.deliver(run_id)


@shared_task(name="reports.sweep_stalled_runs")
def sweep_stalled_runs() -> None:
    services.sweep_stalled_runs()
