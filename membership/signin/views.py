"""The staff page of sign-in locks: who is locked until when, and "Lift the lock"."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import SignInLockLift
from ..roles import STAFF_ONLY, access
from . import services

RECENT_LIFTS = 20


@access(STAFF_ONLY)
def lock_list(request):
    lifts = SignInLockLift.objects.select_related("lifted_by")[:RECENT_LIFTS]
    return render(
        request,
        "membership/signin_locks.html",
        {"locks": services.current_locks(), "lifts": lifts, "free_failures": services.FREE_FAILURES},
    )


@require_POST
@access(STAFF_ONLY)
def lock_lift(request, pk: int):
    lifted = services.lift(pk, request.user)
    if lifted:
        messages.success(request, _("The sign-in lock of %(email)s is lifted.") % {"email": lifted.email})
    else:
        messages.info(request, _("The lock was already lifted."))
    return redirect("membership:signin_locks")
