"""The readings export as a worker job: the service writes the same table, as the user who asked."""

import pytest

from actionplan import exchange, services
from membership import exports as export_jobs
from membership.kernel import spreadsheets
from membership.models import ExportJob, Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _job(user, code):
    return ExportJob.objects.create(user=user, kind="readings", fmt="xlsx", params={"period": [code]})


def test_a_readings_job_writes_the_periods_table():
    staff = user_with_role(Role.STAFF)
    period = services.ensure_period(services.current_plan(), "2026-Q4")
    job = _job(staff, period.code)
    export_jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == ExportJob.State.FINISHED and job.filename == "toimintasuunnitelma-2026-Q4.xlsx"
    with job.file.open("rb") as handle:
        rows = spreadsheets.read_rows(handle.read())
    assert rows[0] == exchange.COLUMNS and len(rows) == 1 + job.total == 1 + 27


def test_the_worker_applies_the_askers_rights_again():
    # Someone who has lost the staff role since asking gets no file.
    member = user_with_role(Role.MEMBER)
    job = _job(member, services.ensure_period(services.current_plan(), "2026-Q4").code)
    export_jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED and "PermissionDenied" in job.error and not job.file
