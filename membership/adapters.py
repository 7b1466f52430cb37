from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """NGO contacts sign up themselves; staff roles come only through invitations."""

    def is_open_for_signup(self, request) -> bool:
        return True

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.preferred_language = (translation.get_language() or "fi")[:2]
        if commit:
            user.save()
        return user


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    # Delegating keeps first-time sign-in through the county's identity service possible.
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return AccountAdapter(request).is_open_for_signup(request)
