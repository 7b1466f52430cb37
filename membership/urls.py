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

# Nomination calls, selection and the council's members.
from .calls import board_views, member_views, selection_views  # noqa: E402
from .calls import views as call_views  # noqa: E402
from .calls.searches import DEPUTY_ORGANISATIONS  # noqa: E402
from .combobox import search_view  # noqa: E402

urlpatterns += [
    path("calls/", call_views.call_list, name="call_list"),
    path("calls/new/", call_views.call_create, name="call_create"),
    path("calls/<int:pk>/", call_views.call_detail, name="call_detail"),
    path("calls/<int:pk>/edit/", call_views.call_edit, name="call_edit"),
    path("calls/<int:pk>/nominate/", call_views.nomination_create, name="nomination_create"),
    path(
        "calls/<int:pk>/search/organisations/",
        search_view(DEPUTY_ORGANISATIONS),
        name="call_organisation_search",
    ),
    path("calls/<int:pk>/nominations/", selection_views.nomination_list, name="nomination_list"),
    path("calls/<int:pk>/board/", board_views.composition_board, name="composition_board"),
    path("calls/<int:pk>/board/proposal/", board_views.proposal_toggle, name="proposal_toggle"),
    path("calls/<int:pk>/decision/", selection_views.call_decision, name="call_decision"),
    path("calls/<int:pk>/supplementary/", selection_views.supplementary_call, name="supplementary_call"),
    path("nominations/<int:pk>/", call_views.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", call_views.nomination_edit, name="nomination_edit"),
    path("nominations/<int:pk>/withdraw/", call_views.nomination_withdraw, name="nomination_withdraw"),
    path("nominations/<int:pk>/attachment/", call_views.nomination_attachment, name="nomination_attachment"),
    path("nominations/<int:pk>/review/", selection_views.nomination_review, name="nomination_review"),
    path("personal-data/", selection_views.personal_data_view, name="personal_data"),
    path("my/data/", selection_views.my_data, name="my_data"),
    path("members/", member_views.member_list, name="member_list"),
    path("members/history/", member_views.member_history, name="member_history"),
    path("members/<int:pk>/resign/", member_views.member_resign, name="member_resign"),
    path("members/join/<str:token>/", member_views.seat_claim, name="seat_claim"),
]

# The mail queue's failed deliveries (staff).
from . import mail_views  # noqa: E402

urlpatterns += [
    path("mail/failures/", mail_views.mail_failures, name="mail_failures"),
    path("mail/failures/<int:pk>/resend/", mail_views.mail_resend, name="mail_resend"),
]

# Sign-in locks (staff).
from .signin import views as signin_views  # noqa: E402

urlpatterns += [
    path("people/sign-in-locks/", signin_views.lock_list, name="signin_locks"),
    path("people/sign-in-locks/<int:pk>/lift/", signin_views.lock_lift, name="signin_lock_lift"),
]

# Large exports prepared by the worker (only for the person who asked).
from . import export_views  # noqa: E402

urlpatterns += [
    path("exports/<int:pk>/", export_views.export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", export_views.export_download, name="export_download"),
]
