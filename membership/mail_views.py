"""The staff page of mail the server did not accept: who, what, the error, and "Resend"."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import mailqueue
from .filters import FailedMailFilter
from .roles import STAFF_ONLY, access

PAGE_SIZE = 50


@access(STAFF_ONLY)
def mail_failures(request):
    filterset = FailedMailFilter(request.GET, queryset=mailqueue.failed_deliveries())
    page = Paginator(filterset.qs.prefetch_related(mailqueue.latest_errors()), PAGE_SIZE)
    page = page.get_page(request.GET.get("page"))
    return render(request, "membership/mail_failures.html", {"filter": filterset, "page": page})


@require_POST
@access(STAFF_ONLY)
def mail_resend(request, pk: int):
    if mailqueue.resend(pk):
        messages.success(request, _("The message is queued to be sent again."))
    else:
        messages.info(request, _("The message was already sent or queued."))
    return redirect("membership:mail_failures")
