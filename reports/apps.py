from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Progress reports")

    def ready(self) -> None:
        from membership import slots
        from membership.mailqueue import mail_sent

        from . import data_parts, front
        from .services import record_accepted_mail

        mail_sent.connect(record_accepted_mail, dispatch_uid="reports.record_accepted_mail")

        data_parts.register_parts(self.name)
        slots.register("nav", "reports/_nav.html", app=self.name, order=50)
        slots.register("dashboard", "reports/_dashboard.html", app=self.name, order=50)
        slots.register("front.board", "reports/_front_board.html", app=self.name, context=front.board_front)
        slots.register(
            "front.staff", "reports/_front_staff.html", app=self.name, order=50, context=front.staff_front
        )
