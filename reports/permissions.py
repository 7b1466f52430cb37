"""Who sees which runs: staff see all; a recipient by role sees the finished runs sent to that role."""

from django.db.models import QuerySet

from membership.roles import is_staff, roles_of

from .models import ReportDefinition, ReportRun, RunState


def runs_visible_to(user) -> QuerySet[ReportRun]:
    runs = ReportRun.objects.select_related("definition__audience")
    if is_staff(user):
        return runs
    roles = roles_of(user)
    if not roles:
        return runs.none()
    # Definitions are few; reading their roles here works on SQLite too (no JSON containment there).
    definitions = [
        pk
        for pk, wanted in ReportDefinition.objects.values_list("pk", "recipient_roles")
        if set(wanted) & roles
    ]
    return runs.filter(definition__in=definitions, state=RunState.FINISHED)
