import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from actionplan.models import PlanGoal
from membership.kernel.filtering import ChoicesOnce, SearchFilter
from membership.models import Municipality, PrhMainClass, SeatCategory

from .models import Funder, Grant, GrantRound, GrantType


class GrantFilter(ChoicesOnce, django_filters.FilterSet):
    q = SearchFilter(
        "organisation__name_fi",
        "organisation__name_sv",
        "organisation__business_id",
        "activity",
        label=_("Search by organisation, business ID or activity"),
    )
    year = django_filters.NumberFilter(
        label=_("Year"), widget=forms.NumberInput(attrs={"min": 2000, "max": 2100})
    )
    grant_round = django_filters.ModelChoiceFilter(
        label=_("Grant round"), queryset=GrantRound.objects.all(), empty_label=_("All")
    )
    grant_type = django_filters.ModelChoiceFilter(
        label=_("Grant type"), queryset=GrantType.objects.all(), empty_label=_("All")
    )
    funder = django_filters.ChoiceFilter(label=_("Funder"), choices=Funder.choices, empty_label=_("All"))
    seat_category = django_filters.ModelChoiceFilter(
        label=_("Council seat category"),
        field_name="organisation__seat_category",
        queryset=SeatCategory.objects.all(),
        empty_label=_("All"),
    )
    prh_class = django_filters.ModelChoiceFilter(
        label=_("PRH main class"),
        field_name="organisation__prh_class",
        queryset=PrhMainClass.objects.all(),
        empty_label=_("All"),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=Municipality.objects.all(), empty_label=_("All")
    )
    goal = django_filters.ModelChoiceFilter(
        label=_("Action plan goal"), field_name="goals", queryset=PlanGoal.objects.all(), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Grant.Status.choices, empty_label=_("All")
    )
    flag = django_filters.ChoiceFilter(
        label=_("Flag"),
        method="filter_flag",
        choices=[("overdue", _("use report overdue")), ("double", _("double funding"))],
        empty_label=_("All"),
    )

    class Meta:
        model = Grant
        fields: list[str] = []

    def filter_flag(self, queryset, name, value):
        # The flags are annotations made by services.with_flags.
        if value == "overdue":
            return queryset.filter(report_overdue=True)
        return queryset.filter(double_funded=True)


class TotalsFilter(GrantFilter):
    """The grant list's filters less the year and round, which the totals page sets itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("year", "grant_round", "flag", "q", "goal"):
            self.filters.pop(name, None)
