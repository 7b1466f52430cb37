import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from membership.kernel.filtering import ChoicesOnce

from ..models import ActivityLanguage, CouncilMembership, Municipality, Nomination, SeatCategory


class NominationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by organisation or nominee"), method="search")
    seat_category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=SeatCategory.objects.all(), empty_label=_("All")
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="organisation__municipalities",
        queryset=Municipality.objects.all(),
        empty_label=_("All"),
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language of activity"),
        field_name="organisation__languages",
        queryset=ActivityLanguage.objects.all(),
        empty_label=_("All"),
    )
    volunteer_run = django_filters.BooleanFilter(
        label=_("Run by volunteers only"),
        field_name="organisation__is_volunteer_run",
        widget=django_filters.widgets.BooleanWidget,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Nomination.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = Nomination
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(organisation__name_fi__icontains=value)
            | Q(organisation__name_sv__icontains=value)
            | Q(representative_name__icontains=value)
            | Q(deputy_name__icontains=value)
        )


class MemberFilter(ChoicesOnce, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name or organisation"), method="search")
    seat_category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=SeatCategory.objects.all(), empty_label=_("All")
    )
    position = django_filters.ChoiceFilter(
        label=_("Role"), choices=CouncilMembership.Position.choices, empty_label=_("All")
    )

    class Meta:
        model = CouncilMembership
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(full_name__icontains=value) | Q(organisation__name_fi__icontains=value))
