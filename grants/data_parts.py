"""Grants' part of a person's data: the use reports they submitted and the scores they gave."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from membership.personal_data import Person, register
from membership.readable_data import MOMENT, Field, Shape, Table, labelled

from .models import Score, UseReport


def export(person: Person) -> dict | None:
    if person.user is None:
        return None
    return {
        "use_reports": [
            {"grant": str(r.grant), "submitted_at": r.submitted_at.isoformat(), "note": r.note}
            for r in UseReport.objects.filter(submitted_by=person.user).select_related("grant__organisation")
        ],
        "scores_given": Score.objects.filter(scored_by=person.user).count(),
    }


def erase(person: Person) -> int:
    """The reports belong to the grant (an organisation's record); who sent them and the note go."""
    if person.user is None:
        return 0
    count = UseReport.objects.filter(submitted_by=person.user).update(submitted_by=None, note="")
    return count + Score.objects.filter(scored_by=person.user).update(scored_by=None)


SHAPE: Shape = {
    "use_reports": Table(
        _("Use reports"),
        {
            "grant": Field(_("Grant")),
            "submitted_at": Field(_("Submitted"), MOMENT),
            "note": labelled(UseReport, "note"),
        },
    ),
    "scores_given": Field(_("Scores given to applications")),
}


def register_parts(app: str) -> None:
    register("grants", app=app, title=_("Grants"), export=export, erase=erase, order=50, shape=SHAPE)
