"""An export job's page (polled with htmx while the worker writes the file) and its download.

A job is shown only to the person who asked for it; anyone else gets 404, staff included.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .exports import CONTENT_TYPES
from .kernel.files import file_response
from .models import ExportJob
from .roles import SIGNED_IN, access


def _own_job(request, pk: int) -> ExportJob:
    return get_object_or_404(ExportJob, pk=pk, user=request.user)


@access(SIGNED_IN)
def export_detail(request, pk: int):
    job = _own_job(request, pk)
    template = "membership/_export_state.html" if request.htmx else "membership/export_detail.html"
    return render(request, template, {"job": job})


@access(SIGNED_IN)
def export_download(request, pk: int):
    job = _own_job(request, pk)
    if job.state != ExportJob.State.FINISHED or not job.file:
        raise Http404
    return file_response(job.file, filename=job.filename, content_type=CONTENT_TYPES.get(job.fmt))
