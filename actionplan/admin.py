from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class SubActionInline(admin.TabularInline):
    model = models.SubAction
    extra = 0


class IndicatorTargetInline(admin.TabularInline):
    model = models.IndicatorTarget
    extra = 0


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["code", "title_fi", "first_year", "last_year", "approved_on"]


@admin.register(models.StrategicGoal)
class StrategicGoalAdmin(admin.ModelAdmin):
    list_display = ["code", "title_fi", "plan"]


@admin.register(models.PlanGoal)
class PlanGoalAdmin(admin.ModelAdmin):
    list_display = ["code", "title_fi", "plan"]


@admin.register(models.Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "title_fi", "responsible_party"]
    list_filter = ["goal", "responsible_party"]
    inlines = [SubActionInline]


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "kind", "collection", "next_reading_due"]
    list_filter = ["kind", "collection"]
    inlines = [IndicatorTargetInline]


@admin.register(models.ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["code", "plan", "is_closed", "is_published"]


@admin.register(models.Reading)
class ReadingAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "period", "value", "recorded_by", "updated_at"]
    list_filter = ["period"]


@admin.register(models.MeasureStatus)
class MeasureStatusAdmin(SimpleHistoryAdmin):
    list_display = ["measure", "period", "status", "suggested_status"]
    list_filter = ["period", "status"]
