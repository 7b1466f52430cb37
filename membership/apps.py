from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from post_office.signals import email_queued

        from .mailqueue import queue_sending

        email_queued.connect(queue_sending, dispatch_uid="membership.queue_sending")
