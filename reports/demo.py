"""Demo report definitions for the four audiences of seed 003, and one finished board report."""

from __future__ import annotations

import datetime

from membership.demo import DemoContext, register
from membership.kernel.periods import Period
from membership.models import Role

from . import services
from .models import Audience, ReportDefinition, ReportRun, ScheduleKind

DEFINITIONS = [
    # name, audience, period kind, schedule, roles, day
    ("Lautakunnan puolivuosiraportti", "board", "H", ScheduleKind.RECURRING, [Role.BOARD], 10),
    ("HYTE-tulosalueen neljännesvuosiraportti", "hyte", "Q", ScheduleKind.RECURRING, [Role.STAFF], 5),
    ("Neuvottelukunnan puolivuosikatsaus", "council", "H", ScheduleKind.RECURRING, [Role.MEMBER], 12),
    ("Toimialojen asiantuntijoiden katsaus", "specialists", "H", ScheduleKind.MANUAL, [], 15),
]


@register(40, "reports")
def seed_reports(ctx: DemoContext) -> None:
    board_definition = None
    for name, code, kind, schedule, roles, day in DEFINITIONS:
        definition = ReportDefinition.objects.filter(name=name).first()
        if definition is None:
            definition = services.save_definition(
                ReportDefinition(
                    name=name,
                    audience=Audience.objects.get(code=code),
                    language="fi",
                    recipient_roles=roles,
                    recipient_emails="hyte@vakehyva.fi" if code == "specialists" else "",
                    period_kind=kind,
                    schedule=schedule,
                    send_day=day,
                    send_time=datetime.time(7, 30),
                )
            )
            ctx.log(f"  + report definition {name}")
        if code == "board":
            board_definition = definition
    period = Period.parse("2026-H1")
    done = ReportRun.objects.filter(definition=board_definition, period=str(period)).exists()
    if board_definition and not done:
        run, _created = services.ensure_run(board_definition, period)
        services.execute_run(run.pk, worker="seed_demo")
        ctx.log(f"  + board report {period}")
