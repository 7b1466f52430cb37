from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Progress reports")

    def ready(self) -> None:
        from membership.mailqueue import mail_sent

        from .services import record_accepted_mail

        mail_sent.connect(record_accepted_mail, dispatch_uid="reports.record_accepted_mail")
