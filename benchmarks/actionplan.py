"""Action plan: the progress view of the whole plan and drawing every chart.

Uses the development database; loads the plan and the demo readings first if they are missing
(run `make run` or `manage.py seed_demo` for the full demo data).
"""

from django.apps import apps
from django.test import Client
from django.urls import reverse

from actionplan import charts, services
from actionplan.models import Reading
from membership.models import Role, User

from ._timing import measure, report


def run() -> None:
    if services.current_plan() is None or not Reading.objects.exists():
        from actionplan.demo import seed_actionplan
        from actionplan.plan_data import import_plan
        from membership.demo import DemoContext, seed_membership

        import_plan(apps.get_model)
        ctx = DemoContext(log=lambda _message: None)
        seed_membership(ctx)
        seed_actionplan(ctx)
    plan = services.current_plan()
    staff = User.objects.filter(role_assignments__role=Role.STAFF).first()
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)
    url = reverse("actionplan:progress")
    assert client.get(url).status_code == 200
    progress = services.plan_progress(plan)
    indicators = [i for m in progress.measures for i in m.indicators]
    readings = Reading.objects.filter(period__plan=plan).count()
    print(
        f"plan: {len(progress.goals)} goals, {len(progress.measures)} measures, "
        f"{len(indicators)} indicators, {len(progress.periods)} periods, {readings} readings"
    )
    report("progress view (staff, whole plan)", measure(lambda: client.get(url), repeat=30))
    report("plan_progress() read service", measure(lambda: services.plan_progress(plan), repeat=30))
    report(
        f"draw all {len(indicators)} charts + status chart",
        measure(
            lambda: ([charts.indicator_chart_svg(i) for i in indicators], charts.status_summary_svg(progress))
        ),
    )
