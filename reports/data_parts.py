"""Reports' part of a person's data: the reports sent to their address and the runs they requested."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from membership.kernel.periods import Period, PeriodError
from membership.personal_data import Person, register
from membership.readable_data import MOMENT, Field, Shape, Table, labelled

from .models import ReportDefinition, ReportRun


def _delivered(person: Person) -> list[ReportRun]:
    # delivered_to is a short JSON list; reading it here works on SQLite too (no JSON containment).
    runs = ReportRun.objects.exclude(delivered_to=[]).select_related("definition")
    return [run for run in runs if person.email in [e.lower() for e in run.delivered_to]]


def export(person: Person) -> dict:
    return {
        "reports_received": [
            {"report": run.definition.name, "period": run.period, "delivered_at": str(run.delivered_at)}
            for run in _delivered(person)
        ],
        "recipient_of": [
            d.name
            for d in ReportDefinition.objects.all()
            if person.email in [e.lower() for e in d.email_addresses]
        ],
    }


def erase(person: Person) -> int:
    count = 0
    for run in _delivered(person):
        run.delivered_to = [e for e in run.delivered_to if e.lower() != person.email]
        run.save(update_fields=["delivered_to"])
        count += 1
    # The definitions and their history rows both keep the recipients.
    for manager in (ReportDefinition.objects, ReportDefinition.history):
        for row in manager.filter(recipient_emails__icontains=person.email):
            kept = [e for e in row.recipient_emails.splitlines() if e.strip().lower() != person.email]
            manager.filter(pk=row.pk).update(recipient_emails="\n".join(kept))
            count += 1
    if person.user is not None:
        count += ReportRun.objects.filter(requested_by=person.user).update(requested_by=None)
    return count


def _period_label(code: str) -> str:
    try:
        return Period.parse(code).label
    except PeriodError:
        return code


SHAPE: Shape = {
    "reports_received": Table(
        _("Reports sent to you"),
        {
            "report": labelled(ReportRun, "definition"),
            "period": labelled(ReportRun, "period", show=_period_label),
            "delivered_at": labelled(ReportRun, "delivered_at", kind=MOMENT),
        },
    ),
    "recipient_of": Field(_("Reports you receive")),
}


def register_parts(app: str) -> None:
    register(
        "reports", app=app, title=_("Progress reports"), export=export, erase=erase, order=60, shape=SHAPE
    )
