from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import services
from .filters import OrganisationFilter
from .forms import (
    AccessibilityFeedbackForm,
    OrganisationForm,
    OrganisationInviteForm,
    PrhMainClassForm,
    RoleInviteForm,
    SeatCategoryForm,
    SitePageForm,
)
from .health import report as health_report
from .kernel import throttle
from .kernel.public_cache import public_page
from .models import (
    AccessibilityFeedback,
    Invitation,
    Organisation,
    OrganisationContact,
    PrhMainClass,
    Role,
    SeatCategory,
    SitePage,
)
from .permissions import can_manage_organisation, organisations_visible_to
from .roles import PUBLIC, SIGNED_IN, STAFF_ONLY, access, has_role, roles_of

PAGE_SIZE = 50


def paginate(request, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


@access(PUBLIC)
@public_page()
def home(request):
    return render(request, "membership/home.html")


@access(SIGNED_IN)
def dashboard(request):
    organisations = organisations_visible_to(request.user).filter(contact_links__user=request.user)
    role_labels = [Role(role).label for role in sorted(roles_of(request.user))]
    return render(
        request, "membership/dashboard.html", {"my_organisations": organisations, "role_labels": role_labels}
    )


@access(SIGNED_IN)
def organisation_list(request):
    base = organisations_visible_to(request.user).select_related("prh_class", "seat_category")
    base = base.prefetch_related("municipalities").order_by("name_fi")
    organisation_filter = OrganisationFilter(request.GET, queryset=base)
    page = paginate(request, organisation_filter.qs)
    return render(
        request,
        "membership/organisation_list.html",
        {"filter": organisation_filter, "page": page, "total": page.paginator.count},
    )


@access(SIGNED_IN)
def organisation_create(request):
    form = OrganisationForm(request.POST or None, with_contact_title=True)
    if request.method == "POST" and form.is_valid():
        organisation = form.save(commit=False)
        m2m = {name: form.cleaned_data[name] for name in ("municipalities", "target_groups", "languages")}
        try:
            services.register_organisation(
                request.user, organisation, m2m, form.cleaned_data["contact_title"]
            )
        except services.DuplicateOrganisation:
            form.add_error("business_id", _("An organisation with this business ID is already registered."))
        else:
            messages.success(
                request, _("The organisation %(name)s is registered.") % {"name": organisation.name}
            )
            return redirect("membership:organisation_detail", pk=organisation.pk)
    return render(request, "membership/organisation_form.html", {"form": form, "creating": True})


def _managed_organisation(request, pk: int) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not can_manage_organisation(request.user, organisation):
        # Another organisation's existence is not disclosed.
        raise Http404
    return organisation


@access(SIGNED_IN)
def organisation_detail(request, pk: int):
    organisation = _managed_organisation(request, pk)
    organisation = (
        Organisation.objects.select_related("prh_class", "seat_category")
        .prefetch_related("municipalities", "target_groups", "languages", "contact_links__user")
        .get(pk=organisation.pk)
    )
    invitations = organisation.invitations.filter(accepted_at__isnull=True)
    return render(
        request,
        "membership/organisation_detail.html",
        {"organisation": organisation, "pending_invitations": invitations},
    )


@access(SIGNED_IN)
def organisation_edit(request, pk: int):
    organisation = _managed_organisation(request, pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes are saved."))
        return redirect("membership:organisation_detail", pk=organisation.pk)
    return render(request, "membership/organisation_form.html", {"form": form, "organisation": organisation})


@access(SIGNED_IN)
def organisation_invite(request, pk: int):
    organisation = _managed_organisation(request, pk)
    form = OrganisationInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invite_colleague(organisation, form.cleaned_data["email"], request.user)
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
        return redirect("membership:organisation_detail", pk=organisation.pk)
    return render(
        request, "membership/organisation_invite.html", {"form": form, "organisation": organisation}
    )


@access(SIGNED_IN)
@require_POST
def organisation_contact_remove(request, pk: int, link_pk: int):
    organisation = _managed_organisation(request, pk)
    link = get_object_or_404(OrganisationContact, pk=link_pk, organisation=organisation)
    try:
        services.remove_contact(link)
    except services.LastContact:
        messages.error(request, _("An organisation must have at least one contact person."))
    else:
        messages.success(request, _("%(name)s is no longer a contact person.") % {"name": link.user})
        if link.user_id == request.user.pk and not can_manage_organisation(request.user, organisation):
            return redirect("dashboard")
    return redirect("membership:organisation_detail", pk=organisation.pk)


@access(SIGNED_IN)
def invitation_accept(request, token: str):
    invitation = get_object_or_404(Invitation, token=token)
    error = None
    if not invitation.is_usable:
        error = _("This invitation has expired or has already been used. Ask for a new one.")
    elif request.user.email.lower() != invitation.email.lower():
        error = _("This invitation was sent to %(email)s. Sign in with that address to accept it.") % {
            "email": invitation.email
        }
    if request.method == "POST" and error is None:
        services.accept_invitation(invitation, request.user)
        messages.success(request, _("The invitation is accepted."))
        if invitation.organisation_id:
            return redirect("membership:organisation_detail", pk=invitation.organisation_id)
        return redirect("dashboard")
    return render(request, "membership/invitation_accept.html", {"invitation": invitation, "error": error})


@access(STAFF_ONLY)
def role_invitations(request):
    can_invite_admin = has_role(request.user, Role.ADMIN)
    form = RoleInviteForm(request.POST or None, can_invite_admin=can_invite_admin)
    if request.method == "POST" and form.is_valid():
        services.invite_to_role(form.cleaned_data["email"], form.cleaned_data["role"], request.user)
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
        return redirect("membership:role_invitations")
    invitations = Invitation.objects.filter(kind=Invitation.Kind.ROLE).select_related("invited_by")[:100]
    return render(request, "membership/role_invitations.html", {"form": form, "invitations": invitations})


@access(STAFF_ONLY)
def classifications(request):
    return render(
        request,
        "membership/classifications.html",
        {
            "prh_classes": PrhMainClass.objects.all(),
            "seat_categories": SeatCategory.objects.select_related("prh_class"),
        },
    )


def _edit_classification(request, form_class, instance, title):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes are saved."))
        return redirect("membership:classifications")
    return render(request, "membership/classification_form.html", {"form": form, "title": title})


@access(STAFF_ONLY)
def prh_class_edit(request, pk: int | None = None):
    instance = get_object_or_404(PrhMainClass, pk=pk) if pk else None
    return _edit_classification(request, PrhMainClassForm, instance, _("PRH main class"))


@access(STAFF_ONLY)
def seat_category_edit(request, pk: int | None = None):
    instance = get_object_or_404(SeatCategory, pk=pk) if pk else None
    return _edit_classification(request, SeatCategoryForm, instance, _("Council seat category"))


# Feedback from one address: a person with a real problem writes a few times, not more.
FEEDBACK_PER_HOUR = 5


@access(PUBLIC)
def accessibility_statement(request):
    form = AccessibilityFeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        address = throttle.client_address(request)
        if not throttle.allow("feedback", address, limit=FEEDBACK_PER_HOUR, window=3600):
            form.add_error(None, _("Too many messages from your address. Please try again in an hour."))
            status = 429
    if request.method == "POST" and form.is_valid():
        services.record_accessibility_feedback(
            form.cleaned_data["message"],
            form.cleaned_data["email"],
            form.cleaned_data["page_url"],
            translation.get_language(),
        )
        messages.success(request, _("Thank you. Your feedback was sent to the HYTE team."))
        return redirect("membership:accessibility")
    return render(
        request,
        "membership/site_page.html",
        {"page": services.site_page(SitePage.Slug.ACCESSIBILITY), "feedback_form": form},
        status=status,
    )


@access(PUBLIC)
def privacy_notice(request):
    return render(request, "membership/site_page.html", {"page": services.site_page(SitePage.Slug.PRIVACY)})


@access(STAFF_ONLY)
def site_page_edit(request, slug: str):
    if slug not in SitePage.Slug.values:
        raise Http404
    page = services.site_page(slug)
    form = SitePageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        services.update_site_page(form.instance)
        messages.success(request, _("The changes are saved."))
        return redirect(
            "membership:accessibility" if slug == SitePage.Slug.ACCESSIBILITY else "membership:privacy"
        )
    return render(request, "membership/site_page_form.html", {"form": form, "page": page})


@access(STAFF_ONLY)
def feedback_list(request):
    if request.method == "POST":
        feedback = get_object_or_404(AccessibilityFeedback, pk=request.POST.get("feedback"))
        services.mark_feedback_handled(feedback)
        messages.success(request, _("The feedback is marked handled."))
        return redirect("membership:feedback_list")
    page = paginate(request, AccessibilityFeedback.objects.all())
    return render(request, "membership/feedback_list.html", {"page": page})


@never_cache
@require_GET
@access(PUBLIC)
def health(request):
    """Each dependency's state; 503 when the portal cannot serve pages (see membership/health.py)."""
    serving, body = health_report()
    return JsonResponse(body, status=200 if serving else 503)


def error_page(status: int, template: str):
    @access(PUBLIC)
    def view(request, exception=None):
        return render(request, template, status=status)

    return view


handler403 = error_page(403, "403.html")
handler404 = error_page(404, "404.html")


@access(PUBLIC)
def handler500(request):
    # No context processors: the database may be what failed.
    return HttpResponseServerError(render_to_string("500.html"))
