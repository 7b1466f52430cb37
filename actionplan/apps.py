from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplanConfig(AppConfig):
    name = "actionplan"
    verbose_name = _("Action plan")

    def ready(self) -> None:
        from membership import exports as export_jobs
        from membership import slots
        from membership.kernel import public_cache, versions

        from . import data_parts, exchange, front, models, progress

        slots.declare("actionplan.measure", owner=self.name, description="a measure's page: linked work")
        data_parts.register_parts(self.name)
        plan_models = (
            models.Plan,
            models.StrategicGoal,
            models.PlanGoal,
            models.Measure,
            models.SubAction,
            models.Indicator,
            models.IndicatorTarget,
            models.ReportingPeriod,
        )
        public_cache.follow("plan", *plan_models)
        # The progress page's fragment (actionplan/progress.py): drafts and statuses included.
        versions.follow(progress.TOPIC, *plan_models, models.Reading, models.MeasureStatus)
        export_jobs.register("readings", exchange.export)
        slots.register("nav", "actionplan/_nav.html", app=self.name, order=30)
        slots.register("home.public", "actionplan/_home.html", app=self.name, order=30)
        slots.register("dashboard", "actionplan/_dashboard.html", app=self.name, order=30)
        slots.register(
            "front.staff", "actionplan/_front_staff.html", app=self.name, order=30, context=front.staff_front
        )
