from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")

    def ready(self) -> None:
        from membership import exports as export_jobs
        from membership import slots
        from membership.kernel import versions
        from membership.models import Municipality, Organisation

        from . import data_parts, exports, front, listing, models

        data_parts.register_parts(self.name)
        # What the staff grant list shows (grants/listing.py); the grant rounds and types, which the
        # list and the filters' options show, apart, so that a new grant keeps the cached filter form.
        versions.follow(listing.TOPIC, models.Grant, Organisation, Municipality)
        versions.follow(listing.SETUP_TOPIC, models.GrantRound, models.GrantType)
        export_jobs.register("grants", exports.export)
        slots.register("nav", "grants/_nav.html", app=self.name, order=40)
        slots.register("home.staff", "grants/_home.html", app=self.name, order=40)
        slots.register("organisation", "grants/_organisation_link.html", app=self.name)
        slots.register("dashboard", "grants/_dashboard.html", app=self.name, order=40)
        slots.register(
            "front.ngo", "grants/_front_ngo.html", app=self.name, order=40, context=front.ngo_front
        )
        slots.register(
            "front.staff", "grants/_front_staff.html", app=self.name, order=40, context=front.staff_front
        )
