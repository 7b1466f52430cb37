"""The action plan's part of a person's data: the measures and indicators they answer for, their readings."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from membership.personal_data import Person, register
from membership.readable_data import Field, Shape

from .models import Indicator, Measure, MeasureStatus, Reading


def export(person: Person) -> dict | None:
    user = person.user
    if user is None:
        return None
    return {
        "responsible_for_measures": list(
            Measure.objects.filter(responsible_user=user).values_list("code", flat=True)
        ),
        "data_owner_of_indicators": Indicator.objects.filter(data_owner=user).count(),
        "readings_recorded": Reading.objects.filter(recorded_by=user).count(),
        "statuses_set": MeasureStatus.objects.filter(set_by=user).count(),
    }


def erase(person: Person) -> int:
    user = person.user
    if user is None:
        return 0
    count = Measure.objects.filter(responsible_user=user).update(responsible_user=None)
    count += Indicator.objects.filter(data_owner=user).update(data_owner=None)
    count += Reading.objects.filter(recorded_by=user).update(recorded_by=None)
    return count + MeasureStatus.objects.filter(set_by=user).update(set_by=None)


SHAPE: Shape = {
    "responsible_for_measures": Field(_("Measures you are responsible for")),
    "data_owner_of_indicators": Field(_("Indicators whose data you own")),
    "readings_recorded": Field(_("Readings you recorded")),
    "statuses_set": Field(_("Measure statuses you set")),
}


def register_parts(app: str) -> None:
    register("actionplan", app=app, title=_("Action plan"), export=export, erase=erase, order=70, shape=SHAPE)
