from django.urls import path, register_converter

from . import views

app_name = "actionplan"


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "apformat")

urlpatterns = [
    path("", views.progress, name="progress"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("periods/", views.period_list, name="period_list"),
    path("periods/<str:code>/", views.period_detail, name="period_detail"),
    path("periods/<str:code>/close/", views.period_close, name="period_close"),
    path("periods/<str:code>/publish/", views.period_publish, name="period_publish"),
    path("periods/<str:code>/export.<apformat:fmt>", views.period_export, name="period_export"),
    path("periods/<str:code>/indicators/<int:indicator_pk>/", views.reading_record, name="reading_record"),
    path("periods/<str:code>/measures/<int:measure_pk>/", views.status_set, name="status_set"),
    path("readings/", views.reading_list, name="reading_list"),
    path("readings/upload/", views.upload, name="upload"),
    path("readings/<int:pk>/evidence/", views.reading_evidence, name="reading_evidence"),
]
