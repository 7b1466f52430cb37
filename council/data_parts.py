"""Council's part of a person's data: topic proposals, review comments, attendance and minutes checks.

Names in published minutes stay (the law keeps them public): attendance keeps the name and loses
the email and account link; a minutes check keeps who checked and loses its comment.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from membership.personal_data import Person, register
from membership.readable_data import MOMENT, Field, Shape, Table, labelled

from .models import Attendance, MinutesChecker, ReviewComment, TopicProposal


def export(person: Person) -> dict:
    user = person.user
    attendances = Attendance.objects.filter(email__iexact=person.email)
    if user is not None:
        attendances = attendances | Attendance.objects.filter(user=user)
    data = {
        "attendance": [
            {"meeting": str(a.meeting), "answer": a.answer, "present": a.present, "name": a.full_name}
            for a in attendances.select_related("meeting__body").distinct()
        ]
    }
    if user is None:
        return data
    data["topic_proposals"] = list(
        TopicProposal.objects.filter(proposer=user).values("title", "description", "status", "created_at")
    )
    data["review_comments"] = list(ReviewComment.objects.filter(author=user).values("text", "created_at"))
    data["minutes_checks"] = [
        {"meeting": str(c.meeting), "status": c.status, "comment": c.comment}
        for c in MinutesChecker.objects.filter(user=user).select_related("meeting__body")
    ]
    return data


def erase(person: Person) -> int:
    count = Attendance.objects.filter(email__iexact=person.email).update(email="", user=None)
    user = person.user
    if user is None:
        return count
    count += Attendance.objects.filter(user=user).update(email="", user=None)
    count += TopicProposal.objects.filter(proposer=user).delete()[0]
    count += ReviewComment.objects.filter(author=user).delete()[0]
    count += MinutesChecker.objects.filter(user=user).update(comment="")
    return count


SHAPE: Shape = {
    "attendance": Table(
        _("Attendance"),
        {
            "meeting": Field(_("Meeting")),
            "answer": labelled(Attendance, "answer"),
            "present": labelled(Attendance, "present"),
            "name": labelled(Attendance, "full_name"),
        },
    ),
    "topic_proposals": Table(
        _("Topic proposals"),
        {
            "title": labelled(TopicProposal, "title"),
            "description": labelled(TopicProposal, "description"),
            "status": labelled(TopicProposal, "status"),
            "created_at": Field(_("Sent"), MOMENT),
        },
    ),
    "review_comments": Table(
        _("Comments on agendas"),
        {"text": labelled(ReviewComment, "text"), "created_at": Field(_("Sent"), MOMENT)},
    ),
    "minutes_checks": Table(
        _("Checking of minutes"),
        {
            "meeting": Field(_("Meeting")),
            "status": labelled(MinutesChecker, "status"),
            "comment": labelled(MinutesChecker, "comment"),
        },
    ),
}


def register_parts(app: str) -> None:
    register(
        "council", app=app, title=_("Council meetings"), export=export, erase=erase, order=40, shape=SHAPE
    )
