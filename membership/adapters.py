from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.conf import settings
from django.utils import translation

from . import services
from .kernel.translated import page_language
from .models import SignInLockLift
from .notifications import html_part, on_site
from .signin import services as signin


class AccountAdapter(DefaultAccountAdapter):
    """NGO contacts sign up themselves; staff roles come only through invitations."""

    def is_open_for_signup(self, request) -> bool:
        return True

    # Sign-in throttling (membership/signin/services.py) replaces allauth's per-address lock,
    # which kept the owner out along with the guesser.

    def pre_authenticate(self, request, **credentials) -> None:
        super().pre_authenticate(request, **credentials)
        refused = signin.refusal(request, credentials.get("email", ""))
        if refused:
            raise forms.ValidationError(refused.message(), code="too_many_login_attempts")

    def authentication_failed(self, request, **credentials) -> None:
        signin.record_failure(request, credentials.get("email", ""))

    def post_login(self, request, user, **kwargs):
        # Called once every stage (TOTP included) has passed.
        response = super().post_login(request, user, **kwargs)
        signin.clear_for_user(user, SignInLockLift.Reason.SIGN_IN)
        if response is not None:
            signin.remember_device(request, response, user.email)
        return response

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.preferred_language = page_language()
        if commit:
            user.save()
        return user

    # allauth's mails: the portal's wording and sender, links on SITE_URL, an HTML part, and
    # the queue (the email backend) instead of sending in the request.

    def format_email_subject(self, subject: str) -> str:
        return f"VAKE: {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {key: on_site(v) if key.endswith("_url") and v else v for key, v in context.items()}
        context["site_url"] = settings.SITE_URL
        super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if not getattr(message, "alternatives", None):
            message.attach_alternative(
                html_part(message.subject, message.body, translation.get_language() or "fi"), "text/html"
            )
        return message

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    # Delegating keeps first-time sign-in through the county's identity service possible.
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return AccountAdapter(request).is_open_for_signup(request)

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        verified = [address.email for address in sociallogin.email_addresses if address.verified]
        services.accept_invitations_for_verified_email(user, verified)
        return user
