from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .roles import is_staff_like


class StaffMfaRequiredMiddleware:
    """Staff must activate a second factor (TOTP) before they can use the portal."""

    # No file path: uploads are served only by views, which this middleware guards like any other.
    allowed_prefixes = ("/static/", "/health/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.MFA_REQUIRED_FOR_STAFF and self._must_set_up(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up(self, request) -> bool:
        user = request.user
        if not is_staff_like(user):
            return False
        path = request.path_info
        if path.startswith(self.allowed_prefixes):
            return False
        # The account pages (logout, MFA set-up, password) stay reachable.
        account_root = reverse("account_login").rsplit("login/", 1)[0]
        if path.startswith(account_root):
            return False
        from allauth.mfa.utils import is_mfa_enabled

        return not is_mfa_enabled(user)
