"""Rows of the shared infrastructure in membership/kernel/ (which has no models of its own)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """A create form's one-time token, used once: a resent POST is shown what the first one made."""

    token = models.CharField(max_length=64, unique=True)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.result_url or self.token


class SignInLock(models.Model):
    """Failed sign-ins of one account or one address, and until when the next try must wait."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("account")
        ADDRESS = "address", _("IP address")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=254)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_sign_in_lock_per_key")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.key}"
