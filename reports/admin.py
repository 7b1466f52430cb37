from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Audience, ReportDefinition, ReportRun


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "detailed", "order"]


@admin.register(ReportDefinition)
class ReportDefinitionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "audience", "period_kind", "schedule", "is_active"]
    list_filter = ["audience", "schedule", "is_active"]


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = ["definition", "period", "state", "attempts", "started_at", "finished_at"]
    list_filter = ["state"]
    readonly_fields = ["snapshot", "checksum", "error", "file", "size"]
