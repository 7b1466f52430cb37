import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import ActivityLanguage, Municipality, Organisation, PrhMainClass, SeatCategory


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name or business ID"), method="search")
    prh_class = django_filters.ModelChoiceFilter(
        label=_("PRH main class"), queryset=PrhMainClass.objects.all(), empty_label=_("All")
    )
    seat_category = django_filters.ModelChoiceFilter(
        label=_("Council seat category"), queryset=SeatCategory.objects.all(), empty_label=_("All")
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="municipalities",
        queryset=Municipality.objects.all(),
        empty_label=_("All"),
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language of activity"),
        field_name="languages",
        queryset=ActivityLanguage.objects.all(),
        empty_label=_("All"),
    )
    is_volunteer_run = django_filters.BooleanFilter(
        label=_("Run by volunteers only"),
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name_fi__icontains=value) | Q(name_sv__icontains=value) | Q(business_id__icontains=value)
        )
