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
from datetime import timedelta

from django import forms
from django.core.files.base import ContentFile
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
    """Write the job's file; a job already finished or failed is left as it is (a resent task)."""
    from membership.models import ExportJob

    State = ExportJob.State
    job = ExportJob.objects.filter(pk=job_id, state__in=(State.QUEUED, State.RUNNING)).first()
    if job is None:
        return
    try:
        with translation.override(job.language):
            export = build(job.kind, job.user, job.params)
            ExportJob.objects.filter(pk=job.pk).update(state=State.RUNNING, total=export.total, done=0)
            data = content(export, job.fmt, lambda n: ExportJob.objects.filter(pk=job.pk).update(done=n))
        job.refresh_from_db()
        job.file.save(f"{export.name}.{job.fmt}", ContentFile(data), save=False)
        job.filename = f"{export.name}.{job.fmt}"
        job.state, job.finished_at = State.FINISHED, timezone.now()
        job.done = job.total
        job.save()
    except Exception as error:
        logger.exception("export job %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            state=State.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
