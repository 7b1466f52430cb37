from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from membership import exports as export_jobs
from membership.kernel.files import file_response
from membership.kernel.public_cache import public_page
from membership.roles import PUBLIC, STAFF_ONLY, access

from . import exchange, services
from .filters import PeriodFilter, ReadingFilter
from .forms import PeriodForm, ReadingForm, StatusForm, UploadForm
from .models import Indicator, Measure, MeasureStatus, Reading, ReportingPeriod
from .permissions import sees_unpublished

UPLOAD_SESSION_KEY = "actionplan_upload_rows"


def _plan_or_404():
    plan = services.current_plan()
    if plan is None:
        raise Http404
    return plan


def _period_or_404(plan, code: str) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod, plan=plan, code=code)


def _shown_period(request, plan, chosen: str | None = None):
    """The periods the user may choose from, the chosen one (else the default), and whether it is
    shown as the public sees it.

    A published period is shown as the public sees it, whoever asks; only a draft, which only
    staff can choose, counts the unpublished readings too."""
    periods = services.visible_periods(plan, public=not sees_unpublished(request.user))
    period = next((p for p in periods if p.code == chosen), None) if chosen else None
    if chosen and period is None:
        messages.warning(request, _("No such reporting period; showing the latest one."))
    period = period or services.default_period(periods)
    return periods, period, period is None or period.is_published


def _shown_progress(request, plan, chosen: str | None = None):
    periods, period, public = _shown_period(request, plan, chosen)
    return periods, services.plan_progress(plan, period, public=public)


@access(PUBLIC)
@public_page("plan")
def progress(request):
    """The plan's progress. Its goals and charts are a cached fragment keyed by the data version,
    so the data is loaded only when the fragment is drawn."""
    plan = _plan_or_404()
    periods, period, public = _shown_period(request, plan, request.GET.get("period"))
    data = SimpleLazyObject(lambda: services.plan_progress(plan, period, public=public))
    # Computed here, not in the template, which would turn an error into one shared key.
    key = services.progress_key(plan, period, public=public) or data.fragment_key
    return render(
        request,
        "actionplan/progress.html",
        {"progress": data, "plan": plan, "periods": periods, "period": period, "progress_key": key},
    )


@access(PUBLIC)
@public_page("plan", "council")
def measure_detail(request, pk: int):
    plan = _plan_or_404()
    measure = get_object_or_404(Measure.objects.select_related("goal"), pk=pk, goal__plan=plan)
    _, data = _shown_progress(request, plan)
    item = next(m for m in data.measures if m.measure.pk == measure.pk)
    statuses = (
        MeasureStatus.objects.filter(measure=measure).select_related("period").order_by("period__ends_on")
    )
    if not sees_unpublished(request.user):
        statuses = statuses.filter(period__is_published=True)
    return render(
        request,
        "actionplan/measure_detail.html",
        {"item": item, "measure": measure, "statuses": statuses, "progress": data},
    )


@access(STAFF_ONLY)
def period_list(request):
    plan = _plan_or_404()
    form = PeriodForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        period = services.ensure_period(plan, form.cleaned_data["code"])
        messages.success(request, _("Reporting period %(code)s is open.") % {"code": period.code})
        return redirect("actionplan:period_detail", code=period.code)
    period_filter = PeriodFilter(request.GET, queryset=plan.periods.order_by("-ends_on", "-starts_on"))
    return render(
        request, "actionplan/period_list.html", {"form": form, "filter": period_filter, "plan": plan}
    )


@access(STAFF_ONLY)
def period_detail(request, code: str):
    plan = _plan_or_404()
    period = _period_or_404(plan, code)
    data = services.plan_progress(plan, period)
    readings = {r.indicator_id: r for r in Reading.objects.filter(period=period)}
    return render(
        request,
        "actionplan/period_detail.html",
        {"period": period, "progress": data, "readings": readings, "plan": plan},
    )


@access(STAFF_ONLY)
def reading_record(request, code: str, indicator_pk: int):
    plan = _plan_or_404()
    period = _period_or_404(plan, code)
    indicator = get_object_or_404(
        Indicator.objects.select_related("measure__goal"), pk=indicator_pk, measure__goal__plan=plan
    )
    existing = Reading.objects.filter(indicator=indicator, period=period).first()
    initial = {}
    if existing:
        initial = {
            "value": services.display_value(indicator, existing.value)
            if indicator.is_ordinal
            else f"{existing.value.normalize():f}",
            "evidence": existing.evidence,
            "evidence_url": existing.evidence_url,
        }
    form = ReadingForm(
        request.POST or None, request.FILES or None, indicator=indicator, existing=existing, initial=initial
    )
    if period.is_closed:
        messages.error(
            request, _("The period %(code)s is closed: its readings can no longer change.") % {"code": code}
        )
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_reading(
                indicator,
                period,
                data["value"],
                acting_user=request.user,
                evidence=data["evidence"],
                evidence_url=data["evidence_url"],
                evidence_file=data.get("evidence_file"),
                correction_reason=data.get("correction_reason", ""),
            )
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The reading of %(code)s was saved.") % {"code": indicator.code})
            return redirect("actionplan:period_detail", code=period.code)
    history = existing.history.select_related("history_user").order_by("-history_date") if existing else []
    return render(
        request,
        "actionplan/reading_form.html",
        {"form": form, "indicator": indicator, "period": period, "existing": existing, "history": history},
    )


@access(STAFF_ONLY)
def status_set(request, code: str, measure_pk: int):
    plan = _plan_or_404()
    period = _period_or_404(plan, code)
    measure = get_object_or_404(Measure.objects.select_related("goal"), pk=measure_pk, goal__plan=plan)
    data = services.plan_progress(plan, period)
    item = next(m for m in data.measures if m.measure.pk == measure.pk)
    recorded = item.recorded
    initial = {"status": item.suggested}
    if recorded:
        initial = {
            "status": recorded.status,
            "assessment": recorded.assessment,
            "override_reason": recorded.override_reason,
        }
    form = StatusForm(request.POST or None, suggested=item.suggested, initial=initial)
    if period.is_closed:
        messages.error(
            request, _("The period %(code)s is closed: its statuses can no longer change.") % {"code": code}
        )
    elif request.method == "POST" and form.is_valid():
        try:
            services.set_measure_status(
                measure,
                period,
                form.cleaned_data["status"],
                acting_user=request.user,
                assessment=form.cleaned_data["assessment"],
                override_reason=form.cleaned_data["override_reason"],
            )
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The status of measure %(code)s was saved.") % {"code": measure.code})
            return redirect("actionplan:period_detail", code=period.code)
    history = recorded.history.select_related("history_user").order_by("-history_date") if recorded else []
    return render(
        request,
        "actionplan/status_form.html",
        {"form": form, "item": item, "period": period, "history": history},
    )


@access(STAFF_ONLY)
def period_close(request, code: str):
    period = _period_or_404(_plan_or_404(), code)
    if request.method != "POST":
        return redirect("actionplan:period_detail", code=code)
    services.close_period(period, acting_user=request.user)
    messages.success(request, _("Reporting period %(code)s is closed.") % {"code": code})
    return redirect("actionplan:period_detail", code=code)


@access(STAFF_ONLY)
def period_publish(request, code: str):
    period = _period_or_404(_plan_or_404(), code)
    if request.method != "POST":
        return redirect("actionplan:period_detail", code=code)
    publish = request.POST.get("publish") == "1"
    services.publish_period(period, publish)
    if publish:
        messages.success(request, _("Reporting period %(code)s is now public.") % {"code": code})
    else:
        messages.success(request, _("Reporting period %(code)s is no longer public.") % {"code": code})
    return redirect("actionplan:period_detail", code=code)


@access(STAFF_ONLY)
def period_export(request, code: str, fmt: str):
    period = _period_or_404(_plan_or_404(), code)
    # One row per indicator: answered at once, unless a plan ever grows past the job threshold.
    return export_jobs.respond(request, "readings", fmt, fixed={"period": [period.code]})


@access(STAFF_ONLY)
def upload(request):
    plan = _plan_or_404()
    form = UploadForm()
    previews = None
    if request.method == "POST" and "confirm" in request.POST:
        rows = request.session.pop(UPLOAD_SESSION_KEY, None)
        if rows is None:
            messages.error(request, _("The preview has expired: upload the file again."))
            return redirect("actionplan:upload")
        saved = exchange.apply_upload(plan, rows, acting_user=request.user)
        messages.success(request, _("%(count)s readings were saved.") % {"count": saved})
        return redirect("actionplan:reading_list")
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = exchange.read_table(form.cleaned_data["file"])
            except services.PlanError as error:
                form.add_error("file", str(error))
            else:
                previews = exchange.preview_upload(plan, rows)
                request.session[UPLOAD_SESSION_KEY] = [{k: str(v) for k, v in r.items()} for r in rows]
    valid = sum(1 for p in previews if p.is_valid) if previews else 0
    return render(
        request,
        "actionplan/upload.html",
        {
            "form": form,
            "previews": previews,
            "valid": valid,
            "problems": sum(1 for p in previews if p.problems) if previews else 0,
        },
    )


@access(STAFF_ONLY)
def reading_list(request):
    queryset = Reading.objects.select_related("indicator__measure__goal", "period", "recorded_by").order_by(
        "-period__ends_on", "indicator__code"
    )
    reading_filter = ReadingFilter(request.GET, queryset=queryset)
    page = Paginator(reading_filter.qs, 50).get_page(request.GET.get("page"))
    return render(request, "actionplan/reading_list.html", {"filter": reading_filter, "page": page})


@access(STAFF_ONLY)
def reading_evidence(request, pk: int):
    reading = get_object_or_404(Reading, pk=pk)
    if not reading.evidence_file:
        raise Http404
    return file_response(reading.evidence_file, filename=reading.evidence_file.name.rsplit("/", 1)[-1])
