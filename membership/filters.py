import django_filters
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS, Email

from .kernel.filtering import SearchFilter, YesNoAll
from .models import ActivityLanguage, Municipality, Organisation, PrhMainClass, SeatCategory


class OrganisationFilter(django_filters.FilterSet):
    q = SearchFilter("name_fi", "name_sv", "business_id", label=_("Search by name or business ID"))
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
        widget=YesNoAll,
    )

    class Meta:
        model = Organisation
        fields: list[str] = []


class FailedMailFilter(django_filters.FilterSet):
    """Filters the failed deliveries by recipient and state (post_office's Email rows)."""

    recipient = django_filters.CharFilter(label=_("Recipient"), field_name="to", lookup_expr="icontains")
    state = django_filters.ChoiceFilter(
        label=_("State"),
        method="by_state",
        choices=[("failed", _("gave up")), ("retrying", _("retrying"))],
        empty_label=_("All"),
    )

    class Meta:
        model = Email
        fields: list[str] = []

    def by_state(self, queryset, name, value):
        return queryset.filter(status=STATUS.failed if value == "failed" else STATUS.requeued)
