import django_filters
from django.utils.translation import gettext_lazy as _

from membership.kernel.filtering import SearchFilter, YesNoAll

from .models import Indicator, PlanGoal, Reading, ReportingPeriod


class ReadingFilter(django_filters.FilterSet):
    q = SearchFilter(
        "indicator__code",
        "indicator__name_fi",
        "indicator__name_sv",
        "indicator__name_en",
        label=_("Search by indicator code or name"),
    )
    period = django_filters.ModelChoiceFilter(
        label=_("Reporting period"), queryset=ReportingPeriod.objects.all(), empty_label=_("All")
    )
    goal = django_filters.ModelChoiceFilter(
        label=_("Goal"),
        field_name="indicator__measure__goal",
        queryset=PlanGoal.objects.all(),
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of indicator"),
        field_name="indicator__kind",
        choices=Indicator.Kind.choices,
        empty_label=_("All"),
    )

    class Meta:
        model = Reading
        fields: list[str] = []


class PeriodFilter(django_filters.FilterSet):
    is_closed = django_filters.BooleanFilter(label=_("Closed"), widget=YesNoAll)
    is_published = django_filters.BooleanFilter(label=_("Published"), widget=YesNoAll)

    class Meta:
        model = ReportingPeriod
        fields: list[str] = []
