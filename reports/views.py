from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from membership.kernel.files import file_response
from membership.kernel.submission import create_once
from membership.roles import SIGNED_IN, STAFF_ONLY, access, is_staff

from . import rendering, services
from .filters import RecipientRunFilter, ReportDefinitionFilter, ReportRunFilter
from .forms import GenerateRunForm, ReportDefinitionForm
from .front import next_report_for
from .models import ReportDefinition, RunState
from .permissions import runs_visible_to

PAGE_SIZE = 30


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@access(STAFF_ONLY)
def definition_list(request):
    base = ReportDefinition.objects.select_related("audience", "periodic_task__crontab")
    definition_filter = ReportDefinitionFilter(request.GET, queryset=base)
    return render(
        request,
        "reports/definition_list.html",
        {"filter": definition_filter, "page": _page(request, definition_filter.qs)},
    )


@access(STAFF_ONLY)
@require_http_methods(["GET", "POST"])
def definition_form(request, pk=None):
    definition = get_object_or_404(ReportDefinition, pk=pk) if pk else None
    form = ReportDefinitionForm(request.POST or None, instance=definition)

    def save():
        saved = services.save_definition(form.save(commit=False))
        messages.success(request, _("The report definition was saved."))
        return redirect("reports:definition_detail", pk=saved.pk)

    if request.method == "POST" and form.is_valid():
        return save() if definition else create_once(form, save)
    return render(request, "reports/definition_form.html", {"form": form, "definition": definition})


@access(STAFF_ONLY)
@require_http_methods(["GET", "POST"])
def definition_detail(request, pk):
    definition = get_object_or_404(
        ReportDefinition.objects.select_related("audience", "periodic_task"), pk=pk
    )
    form = GenerateRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            run = services.request_run(
                definition, form.cleaned_data["period"], request.user, form.cleaned_data["regenerate"]
            )
        if run.state == RunState.FINISHED and not form.cleaned_data["regenerate"]:
            messages.info(
                request, _("This period has a finished report already; tick the box to make it again.")
            )
        else:
            messages.success(request, _("The report is being generated; this page shows when it is ready."))
        return redirect("reports:run_detail", pk=run.pk)
    runs = definition.runs.order_by("-period")
    return render(
        request,
        "reports/definition_detail.html",
        {"definition": definition, "form": form, "page": _page(request, runs)},
    )


@access(SIGNED_IN)
def run_list(request):
    runs = runs_visible_to(request.user).order_by("-queued_at")
    if is_staff(request.user):
        run_filter, next_report = ReportRunFilter(request.GET, queryset=runs), None
    else:
        # A recipient is told what comes next, so that a list without reports yet still says something.
        run_filter = RecipientRunFilter(request.GET, queryset=runs)
        next_report = next_report_for(request.user, timezone.localdate())
    return render(
        request,
        "reports/run_list.html",
        {"filter": run_filter, "page": _page(request, run_filter.qs), "next_report": next_report},
    )


def _visible_run(request, pk):
    return get_object_or_404(runs_visible_to(request.user), pk=pk)


@access(SIGNED_IN)
def run_detail(request, pk):
    run = _visible_run(request, pk)
    template = "reports/_run_state.html" if request.htmx else "reports/run_detail.html"
    return render(request, template, {"run": run, "can_manage": is_staff(request.user)})


@access(STAFF_ONLY)
@require_http_methods(["GET", "POST"])
def run_retry(request, pk):
    run = _visible_run(request, pk)
    if request.method == "POST":
        with transaction.atomic():
            retried = services.retry_run(run, request.user)
        if retried:
            messages.success(request, _("The report is being generated again."))
        else:
            messages.info(request, _("Only a failed report can be retried."))
    return redirect("reports:run_detail", pk=run.pk)


@access(SIGNED_IN)
def run_preview(request, pk):
    run = _visible_run(request, pk)
    if not run.snapshot:
        raise Http404
    context = rendering.template_context(run.snapshot)
    # The report keeps its own language inside the page, whatever language the page is in.
    with translation.override(run.snapshot["meta"]["language"]):
        article = render_to_string("reports/_preview_article.html", context, request=request)
    return render(request, "reports/run_preview.html", {"run": run, "article": article, **context})


@access(SIGNED_IN)
def run_download(request, pk):
    run = _visible_run(request, pk)
    if run.state != RunState.FINISHED or not run.file:
        raise Http404
    name = f"{run.definition.audience.code}-{run.period}.pdf"
    return file_response(run.file, filename=name, content_type="application/pdf")
