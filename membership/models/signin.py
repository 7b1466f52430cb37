"""Sign-in locks: failed passwords per account, the lock they set, and who lifted one."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignInLock(models.Model):
    """The failed sign-ins to one address since its last success, and how long it is locked.

    Kept in the database, not the cache: a lock must hold, and stay visible to staff, while Redis
    is down. The address is the one typed, so an unknown address is locked like a real one and a
    lock tells nobody whether an account exists.
    """

    email = models.CharField(_("e-mail address"), max_length=254, unique=True)
    failures = models.PositiveIntegerField(_("failed sign-ins"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True, db_index=True)
    last_failure_at = models.DateTimeField(_("last failure"), default=timezone.now)
    last_address = models.GenericIPAddressField(_("last address"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in lock")
        verbose_name_plural = _("sign-in locks")

    def __str__(self) -> str:
        return self.email

    def is_locked(self, now=None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())


class SignInLockLift(models.Model):
    """One lifted lock: whose, why, and by which staff member when lifted by hand."""

    class Reason(models.TextChoices):
        STAFF = "staff", _("lifted by staff")
        SIGN_IN = "sign_in", _("signed in successfully")
        PASSWORD_RESET = "password_reset", _("password reset")

    email = models.CharField(_("e-mail address"), max_length=254, db_index=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted at"), default=timezone.now)
    failures = models.PositiveIntegerField(_("failed sign-ins"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        ordering = ["-lifted_at", "-pk"]
        verbose_name = _("lifted sign-in lock")
        verbose_name_plural = _("lifted sign-in locks")

    def __str__(self) -> str:
        return f"{self.email} ({self.get_reason_display()})"
