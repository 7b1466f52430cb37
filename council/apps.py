from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Council meetings")

    def ready(self) -> None:
        from membership import slots
        from membership.kernel import public_cache

        from . import data_parts, front, models
        from .selectors import decisions_for_measure

        data_parts.register_parts(self.name)
        public_cache.follow("council", models.Body, models.BodyMember, models.CalendarEvent)
        slots.register("nav", "council/_nav.html", app=self.name, order=20)
        slots.register("home.public", "council/_home.html", app=self.name, order=20)
        slots.register("dashboard", "council/_dashboard.html", app=self.name, order=20)
        slots.register(
            "front.member", "council/_front_member.html", app=self.name, context=front.member_front
        )
        slots.register(
            "front.staff", "council/_front_staff.html", app=self.name, order=20, context=front.staff_front
        )
        slots.register(
            "actionplan.measure",
            "council/_measure_decisions.html",
            app=self.name,
            context=lambda page: {"measure_decisions": decisions_for_measure(page["measure"])},
        )
