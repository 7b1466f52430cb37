"""Rows of the shared infrastructure in membership/kernel/ (which has no models of its own)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..kernel.files import RandomPath


class Submission(models.Model):
    """A create form's one-time token, used once: a resent POST is shown what the first one made."""

    token = models.CharField(max_length=64, unique=True)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.result_url or self.token


class ExportJob(models.Model):
    """A large export prepared by the worker: what was asked, by whom, how far, and the file.

    Only the person who asked sees it (membership/export_views.py); the file is served by a view
    that checks that, never from MEDIA_ROOT.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being prepared")
        FINISHED = "finished", _("ready")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    kind = models.CharField(_("export"), max_length=40)
    fmt = models.CharField(_("format"), max_length=4)
    params = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(max_length=8, default="fi")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(upload_to=RandomPath("exports/%Y/%m"), blank=True)
    filename = models.CharField(max_length=120, blank=True)
    error = models.TextField(blank=True)
    # Renewed with each step of progress (and each resend while queued): the sweep in
    # membership/exports.py takes a job whose worker died back from an old heartbeat.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return self.filename or f"{self.kind}.{self.fmt}"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
