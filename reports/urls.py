from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.run_list, name="run_list"),
    path("definitions/", views.definition_list, name="definition_list"),
    path("definitions/new/", views.definition_form, name="definition_create"),
    path("definitions/<int:pk>/", views.definition_detail, name="definition_detail"),
    path("definitions/<int:pk>/edit/", views.definition_form, name="definition_edit"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/retry/", views.run_retry, name="run_retry"),
    path("runs/<int:pk>/preview/", views.run_preview, name="run_preview"),
    path("runs/<int:pk>/report.pdf", views.run_download, name="run_download"),
]
