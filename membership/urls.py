from django.urls import path

from . import views

app_name = "membership"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/invite/", views.organisation_invite, name="organisation_invite"),
    path(
        "organisations/<int:pk>/contacts/<int:link_pk>/remove/",
        views.organisation_contact_remove,
        name="organisation_contact_remove",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("people/invitations/", views.role_invitations, name="role_invitations"),
    path("classifications/", views.classifications, name="classifications"),
    path("classifications/prh/new/", views.prh_class_edit, name="prh_class_create"),
    path("classifications/prh/<int:pk>/", views.prh_class_edit, name="prh_class_edit"),
    path("classifications/seat-categories/new/", views.seat_category_edit, name="seat_category_create"),
    path("classifications/seat-categories/<int:pk>/", views.seat_category_edit, name="seat_category_edit"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("accessibility/feedback/", views.feedback_list, name="feedback_list"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("pages/<slug:slug>/edit/", views.site_page_edit, name="site_page_edit"),
]
