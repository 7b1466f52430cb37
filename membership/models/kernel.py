"""Rows of the shared infrastructure in membership/kernel/ (which has no models of its own)."""

from django.db import models
from django.utils import timezone


class Submission(models.Model):
    """A create form's one-time token, used once: a resent POST is shown what the first one made."""

    token = models.CharField(max_length=64, unique=True)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.result_url or self.token
