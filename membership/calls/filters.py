import django_filters
from django.utils.translation import gettext_lazy as _

from membership.kernel.filtering import ChoicesOnce, SearchFilter, YesNoAll

from ..models import ActivityLanguage, CouncilMembership, Municipality, Nomination, SeatCategory


class NominationFilter(django_filters.FilterSet):
    q = SearchFilter(
        "organisation__name_fi",
        "organisation__name_sv",
        "representative_name",
        "deputy_name",
        label=_("Search by organisation or nominee"),
    )
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
        widget=YesNoAll,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Nomination.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = Nomination
        fields: list[str] = []


class MemberFilter(ChoicesOnce, django_filters.FilterSet):
    q = SearchFilter(
        "full_name",
        "organisation__name_fi",
        "organisation__name_sv",
        label=_("Search by name or organisation"),
    )
    seat_category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=SeatCategory.objects.all(), empty_label=_("All")
    )
    position = django_filters.ChoiceFilter(
        label=_("Role"), choices=CouncilMembership.Position.choices, empty_label=_("All")
    )

    class Meta:
        model = CouncilMembership
        fields: list[str] = []
