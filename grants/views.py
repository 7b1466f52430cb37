from django.contrib import messages
from django.db.models import Count, Max, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from membership import exports as export_jobs
from membership.kernel.charts import Bar, bar_chart
from membership.kernel.files import file_response
from membership.kernel.public_cache import public_page
from membership.kernel.submission import create_once
from membership.models import Organisation, Role
from membership.roles import PUBLIC, STAFF_ONLY, access, is_staff, roles

from . import exports, imports, listing, services
from .filters import TotalsFilter
from .forms import GrantForm, GrantRoundForm, ImportForm, PaymentForm, ScoreForm, UseReportForm
from .models import (
    CountyComparison,
    EvaluationModel,
    Funder,
    Grant,
    GrantRound,
    ImportBatch,
    Payment,
    UseReport,
)
from .permissions import can_see_organisation_grants, grants_visible_to

STAFF_OR_NGO = roles(Role.STAFF, Role.NGO_CONTACT)
TOTALS_READERS = roles(Role.STAFF, Role.MEMBER, Role.BOARD)
PREVIEW_ROWS = 200


def _listed_grants(request):
    return exports.listed(request.user, request.GET)


@access(STAFF_OR_NGO)
def grant_list(request):
    grant_filter = _listed_grants(request)
    context = {
        "filter": grant_filter,
        **listing.listed_page(request, grant_filter.qs),
        "query": request.GET.urlencode(),
    }
    return render(request, "grants/grant_list.html", context)


@access(STAFF_ONLY)
def grant_export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    # A large list is prepared by the worker (membership/exports.py).
    return export_jobs.respond(request, "grants", fmt)


def _visible_grant(request, pk: int) -> Grant:
    grant = services.with_flags(grants_visible_to(request.user)).filter(pk=pk).first()
    if grant is None:
        # Another organisation's grant is not disclosed.
        raise Http404
    return grant


@access(STAFF_OR_NGO)
def grant_detail(request, pk: int):
    grant = _visible_grant(request, pk)
    context = {
        "grant": grant,
        "payments": grant.payments.all(),
        "goals": grant.goals.all(),
        "shares": grant.years.all(),
        "use_reports": grant.use_reports.select_related("submitted_by"),
        "upload_form": UseReportForm(),
        "today": timezone.localdate(),
    }
    if is_staff(request.user):
        context["payment_form"] = PaymentForm()
        context["scores"] = grant.scores.select_related("criterion")
        context["weighted_total"] = services.weighted_total(grant)
    return render(request, "grants/grant_detail.html", context)


@access(STAFF_ONLY)
def grant_create(request):
    return _grant_form(request, Grant(year=timezone.localdate().year))


@access(STAFF_ONLY)
def grant_edit(request, pk: int):
    return _grant_form(request, get_object_or_404(Grant, pk=pk))


def _grant_form(request, grant: Grant):
    form = GrantForm(request.POST or None, instance=grant)
    page = {"form": form, "grant": grant}

    def save():
        try:
            saved = services.save_grant(
                form.save(commit=False),
                form.cleaned_data["year_amounts"],
                form.cleaned_data["goals"],
                acting_user=request.user,
            )
        except services.GrantError as exc:
            form.add_error(None, str(exc))
            return render(request, "grants/grant_form.html", page)
        messages.success(request, _("The grant is saved."))
        return redirect("grants:grant_detail", pk=saved.pk)

    if request.method == "POST" and form.is_valid():
        return create_once(form, save) if grant.pk is None else save()
    return render(request, "grants/grant_form.html", page)


@access(STAFF_ONLY)
def payment_add(request, pk: int):
    return _payment_form(request, get_object_or_404(Grant, pk=pk), None)


@access(STAFF_ONLY)
def payments_plan(request, pk: int):
    grant = get_object_or_404(Grant, pk=pk)
    if request.method != "POST":
        return redirect("grants:grant_detail", pk=grant.pk)
    try:
        count = services.plan_payments(grant, acting_user=request.user)
    except services.GrantError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(count)s payments were planned.") % {"count": count})
    return redirect("grants:grant_detail", pk=grant.pk)


@access(STAFF_ONLY)
def payment_edit(request, pk: int):
    payment = get_object_or_404(Payment.objects.select_related("grant"), pk=pk)
    return _payment_form(request, payment.grant, payment)


def _payment_form(request, grant: Grant, payment: Payment | None):
    form = PaymentForm(request.POST or None, instance=payment)
    page = {"form": form, "grant": grant, "payment": payment}

    def save():
        data = form.cleaned_data
        try:
            services.save_payment(
                grant,
                data["planned_on"],
                data["planned_amount"],
                data["paid_on"],
                data["paid_amount"],
                payment,
                acting_user=request.user,
            )
        except services.GrantError as exc:
            form.add_error(None, str(exc))
            return render(request, "grants/payment_form.html", page)
        messages.success(request, _("The payment is saved."))
        return redirect("grants:grant_detail", pk=grant.pk)

    if request.method == "POST" and form.is_valid():
        return create_once(form, save) if payment is None else save()
    return render(request, "grants/payment_form.html", page)


@access(STAFF_OR_NGO)
def use_report_upload(request, pk: int):
    grant = _visible_grant(request, pk)
    form = UseReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.submit_use_report(
            grant, form.cleaned_data["file"], form.cleaned_data["note"], acting_user=request.user
        )
        messages.success(request, _("Thank you. The use report is received."))
        return redirect("grants:grant_detail", pk=grant.pk)
    return render(request, "grants/use_report_form.html", {"form": form, "grant": grant})


@access(STAFF_OR_NGO)
def use_report_file(request, pk: int):
    report = get_object_or_404(UseReport, pk=pk)
    _visible_grant(request, report.grant_id)
    return file_response(report.file, filename=report.file.name.rsplit("/", 1)[-1])


@access(STAFF_ONLY)
def grant_scores(request, pk: int):
    grant = get_object_or_404(Grant, pk=pk)
    model = EvaluationModel.objects.filter(is_active=True, in_use_from__lte=grant.year).first()
    model = model or EvaluationModel.objects.filter(is_active=True).order_by("in_use_from").first()
    if model is None:
        messages.error(request, _("No evaluation model is in use. Add one in the administration."))
        return redirect("grants:grant_detail", pk=grant.pk)
    criteria = list(model.criteria.all())
    existing = {score.criterion_id: score for score in grant.scores.all()}
    form = ScoreForm(request.POST or None, criteria=criteria, initial_scores=existing)
    if request.method == "POST" and form.is_valid():
        services.save_scores(grant, form.scores(), acting_user=request.user)
        messages.success(request, _("The scores are saved."))
        return redirect("grants:grant_detail", pk=grant.pk)
    return render(request, "grants/score_form.html", {"form": form, "grant": grant, "model": model})


@access(STAFF_OR_NGO)
def organisation_grants(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not can_see_organisation_grants(request.user, organisation):
        raise Http404
    grants = services.with_flags(organisation.grants.all()).select_related(
        "grant_round", "grant_type", "funder_municipality"
    )
    funding = (
        grants.order_by().values("year", "funder").annotate(total=Sum("amount_granted")).order_by("-year")
    )
    return render(
        request,
        "grants/organisation_grants.html",
        {
            "organisation": organisation,
            "grants": grants.order_by("-year", "pk"),
            "funding": funding,
            "funder_choices": Funder.choices,
        },
    )


TOTAL_DIMENSIONS = [
    ("prh_class", gettext_lazy("PRH main class")),
    ("seat_category", gettext_lazy("Council seat category")),
    ("municipality", gettext_lazy("Municipality")),
    ("grant_type", gettext_lazy("Grant type")),
    ("funder", gettext_lazy("Funder")),
]


@access(TOTALS_READERS)
def totals(request):
    totals_filter = TotalsFilter(request.GET, queryset=Grant.objects.all())
    # Without filters the totals read all grants directly, sparing the database a semi-join.
    grants = totals_filter.qs if any(request.GET.get(name) for name in totals_filter.filters) else None
    by_year = services.totals_by_year(grants)
    latest = by_year[-1].key if by_year else timezone.localdate().year
    try:
        year = int(request.GET.get("year") or latest)
    except ValueError:
        year = latest
    sections = [
        {
            "key": "year",
            "title": _("Amount granted by year"),
            "rows": by_year,
            "chart": bar_chart(_("Amount granted by year"), [Bar(r.label, r.current) for r in by_year]),
        }
    ]
    for key, title in TOTAL_DIMENSIONS:
        rows = services.totals_for_year(year, key, grants)
        heading = _("%(title)s, %(year)s") % {"title": title, "year": year}
        chart = bar_chart(heading, [Bar(r.label, r.current, r.previous) for r in rows])
        sections.append({"key": key, "title": heading, "rows": rows, "chart": chart})
    years = Grant.objects.aggregate(last=Max("year"))
    return render(
        request,
        "grants/totals.html",
        {"filter": totals_filter, "sections": sections, "year": year, "last_year": years["last"]},
    )


@access(PUBLIC)
@public_page("national")
def national(request):
    counties = list(CountyComparison.objects.all())
    charts = [
        bar_chart(
            _("County NGO grants 2025"), [Bar(c.name, c.county_grants, highlight=c.is_own) for c in counties]
        ),
        bar_chart(
            _("STEA C-grants 2025 (thin bar: 2024)"),
            [Bar(c.name, c.stea_c_2025, c.stea_c_2024, highlight=c.is_own) for c in counties],
        ),
    ]
    sums = CountyComparison.objects.aggregate(
        county_grants=Sum("county_grants"), stea_c_2024=Sum("stea_c_2024"), stea_c_2025=Sum("stea_c_2025")
    )
    return render(request, "grants/national.html", {"counties": counties, "charts": charts, "sums": sums})


@access(STAFF_ONLY)
def round_list(request):
    rounds = GrantRound.objects.select_related("grant_type").annotate(
        granted=Sum("grants__amount_granted"), count=Count("grants")
    )
    return render(request, "grants/round_list.html", {"rounds": rounds})


@access(STAFF_ONLY)
def round_create(request):
    return _round_form(request, GrantRound())


@access(STAFF_ONLY)
def round_edit(request, pk: int):
    return _round_form(request, get_object_or_404(GrantRound, pk=pk))


def _round_form(request, grant_round: GrantRound):
    form = GrantRoundForm(request.POST or None, instance=grant_round)

    def save():
        services.save_round(form.save(commit=False), acting_user=request.user)
        messages.success(request, _("The grant round is saved."))
        return redirect("grants:round_list")

    if request.method == "POST" and form.is_valid():
        return create_once(form, save) if grant_round.pk is None else save()
    return render(request, "grants/round_form.html", {"form": form, "grant_round": grant_round})


@access(STAFF_ONLY)
def import_start(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = imports.start_batch(form.cleaned_data["file"], acting_user=request.user)
        return redirect("grants:import_preview", pk=batch.pk)
    return render(request, "grants/import_start.html", {"form": form})


@access(STAFF_ONLY)
def import_preview(request, pk: int):
    batch = get_object_or_404(ImportBatch, pk=pk, saved_at__isnull=True)
    try:
        if request.method == "POST":
            count = imports.save_batch(batch.pk, acting_user=request.user)
            messages.success(request, _("%(count)s grants were imported.") % {"count": count})
            return redirect("grants:grant_list")
        with batch.file.open("rb") as handle:
            result = imports.preview(handle.read())
    except (imports.ImportFileError, imports.ImportRefused) as exc:
        return render(request, "grants/import_start.html", {"form": ImportForm(), "file_error": str(exc)})
    return render(
        request,
        "grants/import_preview.html",
        {
            "batch": batch,
            "result": result,
            "shown_rows": result.rows[:PREVIEW_ROWS],
            "more_rows": max(0, len(result.rows) - PREVIEW_ROWS),
        },
    )
