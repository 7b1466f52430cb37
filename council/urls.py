from django.urls import path

from . import minutes_views, staff_views, views

app_name = "council"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("archive/", views.archive, name="archive"),
    path("bodies/<slug:slug>/calendar.ics", views.body_ics, name="body_ics"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/meeting.ics", views.meeting_ics_view, name="meeting_ics"),
    path("meetings/<int:pk>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:pk>/attendance/answer/", views.attendance_answer, name="attendance_answer"),
    path("meetings/<int:pk>/items/<int:item_pk>/comment/", views.comment, name="comment"),
    path("meetings/<int:pk>/minutes/check/", views.minutes_check, name="minutes_check"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/mine/", views.my_proposals, name="my_proposals"),
    # The HYTE team's pages.
    path("staff/", staff_views.staff_dashboard, name="staff_dashboard"),
    path("staff/bodies/", staff_views.body_list, name="body_list"),
    path("staff/bodies/new/", staff_views.body_form, name="body_create"),
    path("staff/bodies/<int:pk>/edit/", staff_views.body_form, name="body_edit"),
    path("staff/bodies/<int:pk>/members/", staff_views.body_members, name="body_members"),
    path("staff/events/new/", staff_views.event_create, name="event_create"),
    path("staff/meetings/", staff_views.meeting_list, name="meeting_list"),
    path("staff/meetings/new/", staff_views.meeting_create, name="meeting_create"),
    path("staff/meetings/<int:pk>/edit/", staff_views.meeting_edit, name="meeting_edit"),
    path("staff/meetings/<int:pk>/agenda/", staff_views.agenda_edit, name="agenda_edit"),
    path("staff/meetings/<int:pk>/cancel/", staff_views.meeting_cancel, name="meeting_cancel"),
    path("staff/meetings/<int:pk>/history/", staff_views.meeting_history, name="meeting_history"),
    path("staff/meetings/<int:pk>/agenda/order/", staff_views.agenda_reorder, name="agenda_reorder"),
    path("staff/meetings/<int:pk>/agenda/send/", staff_views.agenda_send, name="agenda_send"),
    path("staff/meetings/<int:pk>/agenda/publish/", staff_views.agenda_publish, name="agenda_publish"),
    path("staff/meetings/<int:meeting_pk>/items/new/", staff_views.item_form, name="item_create"),
    path("staff/meetings/<int:pk>/attendance/", staff_views.attendance, name="attendance"),
    path("staff/meetings/<int:pk>/minutes/", minutes_views.minutes_edit, name="minutes_edit"),
    path("staff/meetings/<int:pk>/minutes/action/", minutes_views.minutes_action, name="minutes_action"),
    path("staff/items/<int:pk>/edit/", staff_views.item_form, name="item_edit"),
    path("staff/items/<int:pk>/handling/", minutes_views.item_handling, name="item_handling"),
    path("staff/items/<int:pk>/move/", staff_views.item_move, name="item_move"),
    path("staff/items/<int:pk>/delete/", staff_views.item_delete, name="item_delete"),
    path("staff/items/<int:pk>/attachments/", staff_views.attachment_upload, name="attachment_upload"),
    path("staff/attachments/<int:pk>/delete/", staff_views.attachment_delete, name="attachment_delete"),
    path("staff/proposals/", staff_views.proposal_list, name="proposal_list"),
    path("staff/proposals/<int:pk>/", staff_views.proposal_decide, name="proposal_decide"),
]
