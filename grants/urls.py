from django.urls import path

from membership.combobox import search_view

from . import views
from .searches import ORGANISATIONS

app_name = "grants"

urlpatterns = [
    path("", views.grant_list, name="grant_list"),
    path("export.<str:fmt>", views.grant_export, name="grant_export"),
    path("new/", views.grant_create, name="grant_create"),
    path("<int:pk>/", views.grant_detail, name="grant_detail"),
    path("<int:pk>/edit/", views.grant_edit, name="grant_edit"),
    path("<int:pk>/payments/new/", views.payment_add, name="payment_add"),
    path("payments/<int:pk>/", views.payment_edit, name="payment_edit"),
    path("<int:pk>/payments/plan/", views.payments_plan, name="payments_plan"),
    path("<int:pk>/use-report/", views.use_report_upload, name="use_report_upload"),
    path("<int:pk>/scores/", views.grant_scores, name="grant_scores"),
    path("use-reports/<int:pk>/", views.use_report_file, name="use_report_file"),
    path("organisations/<int:pk>/", views.organisation_grants, name="organisation_grants"),
    path("search/organisations/", search_view(ORGANISATIONS), name="organisation_search"),
    path("totals/", views.totals, name="totals"),
    path("national/", views.national, name="national"),
    path("rounds/", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("import/", views.import_start, name="import_start"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
]
