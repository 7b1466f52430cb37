from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgendaItem, Body, BodyMember, CalendarEvent, Meeting, TopicProposal


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "kind", "language", "quorum_rule"]


@admin.register(BodyMember)
class BodyMemberAdmin(admin.ModelAdmin):
    list_display = ["full_name", "body", "deputy_of", "starts_on", "ends_on"]
    list_filter = ["body"]


@admin.register(CalendarEvent)
class CalendarEventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "date", "body"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["number", "title", "is_public", "resolution"]
    readonly_fields = ["number"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "starts_at", "state", "minutes_state"]
    list_filter = ["body", "state", "minutes_state"]
    inlines = [AgendaItemInline]


@admin.register(TopicProposal)
class TopicProposalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "status", "created_at"]
    list_filter = ["status"]
