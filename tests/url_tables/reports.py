"""Who may open each reports URL. Recipients by role see finished runs addressed to their role."""

from reports.models import RunState
from tests.reports.factories import ReportDefinitionFactory, ReportRunFactory

SIGNED_IN = {"ngo", "member", "board", "staff", "admin"}
STAFF = {"staff", "admin"}


def _definition(world) -> dict:
    return {"pk": ReportDefinitionFactory().pk}


def _board_run(world) -> dict:
    from django.core.files.base import ContentFile

    run = ReportRunFactory(
        definition=ReportDefinitionFactory(recipient_roles=["board"]),
        state=RunState.FINISHED,
        snapshot={
            "meta": {
                "title": "Raportti",
                "language": "fi",
                "audience_name": "Lautakunta",
                "period_label": "2026",
                "start": "2026-01-01",
                "end": "2026-12-31",
                "generated_at": "1.1.2027 07:00",
            },
            "sections": [],
            "has_data": False,
        },
    )
    run.file.save("url-table.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {"pk": run.pk}


CASES = {
    "reports:run_list": (None, "L222222222", "L222222222"),
    "reports:definition_list": (None, "L333333322", "L333333322"),
    "reports:definition_create": (None, "L333333322", "L333333322"),
    "reports:definition_detail": (_definition, "L333333322", "L333333322"),
    "reports:definition_edit": (_definition, "L333333322", "L333333322"),
    "reports:run_detail": (_board_run, "L444444222", "L444444222"),
    "reports:run_retry": (_board_run, "L3333333RR", "L3333333RR"),
    "reports:run_preview": (_board_run, "L444444222", "L444444222"),
    "reports:run_download": (_board_run, "L444444222", "L444444222"),
}
