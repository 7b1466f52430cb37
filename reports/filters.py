import django_filters
from django.utils.translation import gettext_lazy as _

from membership.kernel.filtering import YesNoAll

from .models import Audience, ReportDefinition, ReportRun, RunState


class ReportDefinitionFilter(django_filters.FilterSet):
    audience = django_filters.ModelChoiceFilter(
        label=_("Audience"), queryset=Audience.objects.all(), empty_label=_("All")
    )
    is_active = django_filters.BooleanFilter(label=_("Active"), widget=YesNoAll)

    class Meta:
        model = ReportDefinition
        fields = ["audience", "is_active"]


class ReportRunFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=RunState.choices, empty_label=_("All"))
    audience = django_filters.ModelChoiceFilter(
        label=_("Audience"),
        field_name="definition__audience",
        queryset=Audience.objects.all(),
        empty_label=_("All"),
    )
    period = django_filters.CharFilter(label=_("Period"), lookup_expr="startswith")

    class Meta:
        model = ReportRun
        fields = ["state", "audience", "period"]


class RecipientRunFilter(ReportRunFilter):
    """A recipient sees finished runs only: no filter by state."""

    state = None

    class Meta(ReportRunFilter.Meta):
        fields = ["audience", "period"]
