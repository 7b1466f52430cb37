"""Who may open each action plan URL."""

from actionplan import services
from actionplan.models import Indicator, Measure

EVERYONE = {"anon", "ngo", "member", "board", "staff", "admin"}
STAFF = {"staff", "admin"}


def _period(world) -> dict:
    period = services.ensure_period(services.current_plan(), "2026-Q2")
    return {"code": period.code}


def _measure(world) -> dict:
    return {"pk": Measure.objects.filter(goal__plan=services.current_plan()).first().pk}


def _reading(world) -> dict:
    indicator = Indicator.objects.filter(measure__goal__plan=services.current_plan()).first()
    return {**_period(world), "indicator_pk": indicator.pk}


def _status(world) -> dict:
    return {**_period(world), "measure_pk": _measure(world)["pk"]}


def _evidence(world) -> dict:
    from django.core.files.base import ContentFile

    period = services.ensure_period(services.current_plan(), "2026-Q2")
    indicator = Indicator.objects.get(code="01.2.d")
    staff = world.users["staff"]
    pdf = ContentFile(b"%PDF-1.4\n", name="raportti.pdf")
    return {"pk": services.record_reading(indicator, period, "5", acting_user=staff, evidence_file=pdf).pk}


CASES = {
    "actionplan:progress": (None, "2222222222", "2222222222"),
    "actionplan:measure_detail": (_measure, "2222222222", "2222222222"),
    "actionplan:period_list": (None, "L333333322", "L333333322"),
    "actionplan:period_detail": (_period, "L333333322", "L333333322"),
    "actionplan:period_close": (_period, "L3333333RR", "L3333333RR"),
    "actionplan:period_publish": (_period, "L3333333RR", "L3333333RR"),
    "actionplan:period_export": (lambda w: {**_period(w), "fmt": "xlsx"}, "L333333322", "L333333322"),
    "actionplan:reading_record": (_reading, "L333333322", "L333333322"),
    "actionplan:status_set": (_status, "L333333322", "L333333322"),
    "actionplan:reading_list": (None, "L333333322", "L333333322"),
    "actionplan:upload": (None, "L333333322", "L333333322"),
    "actionplan:reading_evidence": (_evidence, "L333333322", "L333333322"),
}
