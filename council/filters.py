import django_filters
from django.db.models import Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from membership.kernel.filtering import YesNoAll

from .models import AgendaItem, Body, Meeting, TopicProposal


class ArchiveFilter(django_filters.FilterSet):
    """Published documents; the search reaches titles and decisions of public items only."""

    q = django_filters.CharFilter(label=_("Search titles and decisions"), method="search")
    body = django_filters.ModelChoiceFilter(
        label=_("Body"), queryset=Body.objects.all(), empty_label=_("All")
    )
    year = django_filters.NumberFilter(label=_("Year"), method="in_year")

    class Meta:
        model = Meeting
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        public = AgendaItem.objects.filter(meeting=OuterRef("pk"), is_public=True)
        in_title = public.filter(title__icontains=value)
        in_decision = public.filter(
            decision__icontains=value, meeting__minutes_state=Meeting.MinutesState.PUBLISHED
        )
        return queryset.filter(Exists(in_title) | Exists(in_decision))

    def in_year(self, queryset, name, value):
        return queryset.annotate(local_year=ExtractYear("starts_at")).filter(local_year=value)


class MeetingFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        label=_("Body"), queryset=Body.objects.all(), empty_label=_("All")
    )
    state = django_filters.ChoiceFilter(
        label=_("Agenda state"), choices=Meeting.State.choices, empty_label=_("All")
    )
    upcoming = django_filters.BooleanFilter(label=_("Upcoming only"), method="only_upcoming", widget=YesNoAll)

    class Meta:
        model = Meeting
        fields: list[str] = []

    def only_upcoming(self, queryset, name, value):
        if value:
            return queryset.filter(starts_at__gte=timezone.now())
        return queryset.filter(starts_at__lt=timezone.now()) if value is False else queryset


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TopicProposal.Status.choices, empty_label=_("All")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Body"), queryset=Body.objects.all(), empty_label=_("All")
    )

    class Meta:
        model = TopicProposal
        fields: list[str] = []
