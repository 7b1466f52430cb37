from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    CountyComparison,
    Criterion,
    EvaluationModel,
    Grant,
    GrantRound,
    GrantType,
    GrantYear,
    Payment,
    Score,
    UseReport,
)


class GrantYearInline(admin.TabularInline):
    model = GrantYear
    extra = 0


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "year", "activity", "funder", "amount_granted", "status"]
    list_filter = ["year", "funder", "status", "grant_type"]
    search_fields = ["organisation__name_fi", "organisation__business_id", "activity"]
    raw_id_fields = ["organisation", "grant_round"]
    inlines = [GrantYearInline, PaymentInline]


@admin.register(GrantRound)
class GrantRoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "grant_type", "budget"]
    list_filter = ["year", "grant_type"]


@admin.register(GrantType)
class GrantTypeAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "code", "is_multi_year", "order"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(EvaluationModel)
class EvaluationModelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "version", "in_use_from", "is_active"]
    inlines = [CriterionInline]


@admin.register(Score)
class ScoreAdmin(SimpleHistoryAdmin):
    list_display = ["grant", "criterion", "model_version", "score"]
    raw_id_fields = ["grant"]


@admin.register(UseReport)
class UseReportAdmin(admin.ModelAdmin):
    list_display = ["grant", "submitted_at", "submitted_by"]
    raw_id_fields = ["grant"]


@admin.register(CountyComparison)
class CountyComparisonAdmin(admin.ModelAdmin):
    list_display = ["name", "county_grants", "stea_c_2024", "stea_c_2025"]
