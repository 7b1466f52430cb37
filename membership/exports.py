"""Exports: small ones answered at once, large ones prepared by the worker with progress shown.

An app registers each export it offers (`register`) from its AppConfig.ready(), so the kernel
never names an upper floor. A registered export is a function `(user, params) -> Export` that
applies the user's visibility itself; the worker calls it again as the user who asked, so a job
never holds more than they may see. Above IMMEDIATE_ROWS rows the view asks for a job instead of
writing the file in the request: on this (loaded, 2-core) machine the 20 078 grants of
`seed_demo --scale large` take 1.6 s as CSV and 1.7 s as XLSX to query and write, 6 692 rows
0.5-0.7 s (benchmarks/grants.py), so 5 000 keeps a request well under 2 s even with a slower
server. The job's page polls with htmx and tells its progress in the live region.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django import forms
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone, translation

from .kernel import spreadsheets
from .kernel.submission import OneTimeSubmissionMixin, create_once
from .kernel.translated import page_language

logger = logging.getLogger(__name__)

IMMEDIATE_ROWS = 5000
RECENT = timedelta(days=7)
RECENT_SHOWN = 5
PROGRESS_EVERY = 1000
# A worker renews a running job's heartbeat every PROGRESS_EVERY rows (well under a second).
STALE_AFTER = timedelta(minutes=5)
MAX_ATTEMPTS = 3
GIVE_UP_AFTER = timedelta(hours=1)
WORKER_LOST = "The worker stopped while preparing the file, three times."
NEVER_STARTED = "No worker started the export within an hour."
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Export:
    columns: Sequence[spreadsheets.Column]
    rows: Iterable[Sequence]
    total: int
    title: str
    # The download's name without its extension.
    name: str


Builder = Callable[[object, dict], Export]
_builders: dict[str, Builder] = {}


def register(kind: str, builder: Builder) -> None:
    _builders[kind] = builder


def build(kind: str, user, params: dict) -> Export:
    return _builders[kind](user, params)


def query_dict(params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, [str(value) for value in values])
    return query


def _counted(rows: Iterable[Sequence], progress: Callable[[int], None]) -> Iterator[Sequence]:
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007 - the last count is told below
        yield row
        if count % PROGRESS_EVERY == 0:
            progress(count)
    progress(count)


def content(export: Export, fmt: str, progress: Callable[[int], None] | None = None) -> bytes:
    rows = _counted(export.rows, progress) if progress else export.rows
    if fmt == "xlsx":
        return spreadsheets.write_xlsx(export.columns, rows, title=export.title)
    return spreadsheets.write_csv(export.columns, rows)


class ExportJobForm(OneTimeSubmissionMixin, forms.Form):
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)


def respond(request, kind: str, fmt: str, fixed: dict | None = None) -> HttpResponse:
    """The view of an export: the file at once when small, else a job (asked for by POST).

    The filters come from the query string (kept in the job form's hidden field); `fixed` adds
    what the URL itself names, e.g. a period.
    """
    if fmt not in CONTENT_TYPES:
        raise Http404
    form = ExportJobForm(request.POST if request.method == "POST" else None)
    query = form.cleaned_data["query"] if form.is_bound and form.is_valid() else request.GET.urlencode()
    params = {**dict(QueryDict(query).lists()), **(fixed or {})}
    export = build(kind, request.user, params)
    if export.total <= IMMEDIATE_ROWS:
        response = HttpResponse(content(export, fmt), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{export.name}.{fmt}"'
        return response
    if form.is_bound and form.is_valid():
        return create_once(
            form,
            lambda: redirect("membership:export_detail", pk=request_job(request.user, kind, fmt, params).pk),
        )
    form = ExportJobForm(initial={"query": query})
    context = {"export": export, "fmt": fmt, "form": form, "earlier": recent_jobs(request.user, kind)}
    return render(request, "membership/export_confirm.html", context)


def recent_jobs(user, kind: str):
    """The person's own jobs of this export from the last week: the way back to a file whose page
    they left (the job page is reached only by the redirect after asking)."""
    from membership.models import ExportJob

    since = timezone.now() - RECENT
    return ExportJob.objects.filter(user=user, kind=kind, created_at__gte=since)[:RECENT_SHOWN]


def request_job(user, kind: str, fmt: str, params: dict):
    from membership.models import ExportJob
    from membership.queueing import send_task_on_commit
    from membership.tasks import run_export

    job = ExportJob.objects.create(user=user, kind=kind, fmt=fmt, params=params, language=page_language())
    # A broker outage must not turn the request into a 500 after the job is saved.
    send_task_on_commit(run_export, job.pk)
    return job


def run_job(job_id: int) -> None:
    """Write the job's file if this task claims it; a job claimed by another task, finished or
    failed is left as it is (a resent or redelivered task)."""
    from membership.models import ExportJob

    State = ExportJob.State
    claimed = ExportJob.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING, attempts=F("attempts") + 1, heartbeat_at=timezone.now(), done=0
    )
    if not claimed:
        return
    job = ExportJob.objects.get(pk=job_id)
    # Fenced by the attempt: a worker that the sweep gave up on writes nothing over the next one.
    mine = ExportJob.objects.filter(pk=job_id, state=State.RUNNING, attempts=job.attempts)
    try:
        with translation.override(job.language):
            export = build(job.kind, job.user, job.params)
            mine.update(total=export.total, heartbeat_at=timezone.now())
            data = content(export, job.fmt, lambda n: mine.update(done=n, heartbeat_at=timezone.now()))
        filename = f"{export.name}.{job.fmt}"
        job.file.save(filename, ContentFile(data), save=False)
        finished = mine.update(
            file=job.file.name,
            filename=filename,
            state=State.FINISHED,
            finished_at=timezone.now(),
            done=F("total"),
        )
        if not finished:
            job.file.delete(save=False)
    except Exception as error:
        logger.exception("export job %s failed", job_id)
        mine.update(
            state=State.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )


def sweep_stalled_jobs(now: datetime | None = None) -> dict[str, int]:
    """Take back the jobs that no worker is doing (run by beat every minute).

    A running job whose heartbeat is older than STALE_AFTER lost its worker (a restart, a crash):
    it is queued again, up to MAX_ATTEMPTS, then failed. A queued job whose task has not started
    within STALE_AFTER is sent again (the broker may have been down when it was asked for), until
    GIVE_UP_AFTER has passed since it was asked for.
    """
    from membership.models import ExportJob
    from membership.queueing import send_task_on_commit
    from membership.tasks import run_export

    State = ExportJob.State
    now = now or timezone.now()
    stale = Q(heartbeat_at__lt=now - STALE_AFTER) | Q(
        heartbeat_at__isnull=True, created_at__lt=now - STALE_AFTER
    )
    with transaction.atomic():
        jobs = list(
            ExportJob.objects.select_for_update()
            .filter(stale, state__in=(State.QUEUED, State.RUNNING))
            .values_list("pk", "state", "attempts", "created_at")
        )
        lost = [pk for pk, state, attempts, _ in jobs if state == State.RUNNING and attempts >= MAX_ATTEMPTS]
        expired = [
            pk for pk, state, _, asked in jobs if state == State.QUEUED and asked < now - GIVE_UP_AFTER
        ]
        again = [pk for pk, *_ in jobs if pk not in lost and pk not in expired]
        ExportJob.objects.filter(pk__in=lost).update(state=State.FAILED, error=WORKER_LOST, finished_at=now)
        ExportJob.objects.filter(pk__in=expired).update(
            state=State.FAILED, error=NEVER_STARTED, finished_at=now
        )
        ExportJob.objects.filter(pk__in=again).update(state=State.QUEUED, heartbeat_at=now)
        for pk in again:
            send_task_on_commit(run_export, pk)
    return {"failed": len(lost) + len(expired), "sent again": len(again)}
