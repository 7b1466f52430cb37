"""The admin site's URLs, by rule: it is configuration for administrators; nobody else gets in.

Every role but the administrator is sent to the admin's login page ("R"); only that login page
answers them 200. The administrator holds the role through the real role path (the Administrators
group with every model permission, not superuser): most pages answer 200, those below otherwise
(an object "1" that does not exist: its change, delete and plain history pages go back to the list,
django-simple-history's pages answer 404; a few pages take only one method).
"""

from django.urls import NoReverseMatch, reverse

NOT_ADMIN = "RRRRRRRRR"
# The login page answers everyone; a signed-in administrator's GET goes on to the index.
SPECIAL = {"admin:login": ("222222222R", "2222222222")}
# The administrator's GET and POST letter where it is not 200 (observed, then reviewed).
ADMIN_ANSWERS = {
    "admin:post_office_email_image": "44",
    "admin:post_office_email_preview": "44",
    "admin:resend": "44",
    "admin:actionplan_measurestatus_change": "RR",
    "admin:actionplan_measurestatus_delete": "RR",
    "admin:actionplan_measurestatus_history": "44",
    "admin:actionplan_measurestatus_simple_history": "44",
    "admin:actionplan_reading_change": "RR",
    "admin:actionplan_reading_delete": "RR",
    "admin:actionplan_reading_history": "44",
    "admin:actionplan_reading_simple_history": "44",
    "admin:actionplan_reportingperiod_change": "RR",
    "admin:actionplan_reportingperiod_delete": "RR",
    "admin:actionplan_reportingperiod_history": "RR",
    "admin:autocomplete": "35",
    "admin:council_calendarevent_change": "RR",
    "admin:council_calendarevent_delete": "RR",
    "admin:council_calendarevent_history": "RR",
    "admin:council_meeting_change": "RR",
    "admin:council_meeting_delete": "RR",
    "admin:council_meeting_history": "44",
    "admin:council_meeting_simple_history": "44",
    "admin:council_topicproposal_change": "RR",
    "admin:council_topicproposal_delete": "RR",
    "admin:council_topicproposal_history": "44",
    "admin:council_topicproposal_simple_history": "44",
    "admin:django_celery_beat_clockedschedule_change": "RR",
    "admin:django_celery_beat_clockedschedule_delete": "RR",
    "admin:django_celery_beat_clockedschedule_history": "RR",
    "admin:django_celery_beat_solarschedule_change": "RR",
    "admin:django_celery_beat_solarschedule_delete": "RR",
    "admin:django_celery_beat_solarschedule_history": "RR",
    "admin:grants_countycomparison_change": "RR",
    "admin:grants_countycomparison_delete": "RR",
    "admin:grants_countycomparison_history": "RR",
    "admin:grants_evaluationmodel_change": "RR",
    "admin:grants_evaluationmodel_delete": "RR",
    "admin:grants_evaluationmodel_history": "44",
    "admin:grants_evaluationmodel_simple_history": "44",
    "admin:grants_grant_change": "RR",
    "admin:grants_grant_delete": "RR",
    "admin:grants_grant_history": "44",
    "admin:grants_grant_simple_history": "44",
    "admin:grants_grantround_change": "RR",
    "admin:grants_grantround_delete": "RR",
    "admin:grants_grantround_history": "44",
    "admin:grants_grantround_simple_history": "44",
    "admin:grants_score_change": "RR",
    "admin:grants_score_delete": "RR",
    "admin:grants_score_history": "44",
    "admin:grants_score_simple_history": "44",
    "admin:grants_usereport_change": "RR",
    "admin:grants_usereport_delete": "RR",
    "admin:grants_usereport_history": "RR",
    "admin:jsi18n": "25",
    "admin:logout": "52",
    "admin:membership_accessibilityfeedback_change": "RR",
    "admin:membership_accessibilityfeedback_delete": "RR",
    "admin:membership_accessibilityfeedback_history": "RR",
    "admin:membership_invitation_change": "RR",
    "admin:membership_invitation_delete": "RR",
    "admin:membership_invitation_history": "RR",
    "admin:membership_nomination_change": "RR",
    "admin:membership_nomination_delete": "RR",
    "admin:membership_nomination_history": "44",
    "admin:membership_nomination_simple_history": "44",
    "admin:membership_nominationcall_change": "RR",
    "admin:membership_nominationcall_delete": "RR",
    "admin:membership_nominationcall_history": "44",
    "admin:membership_nominationcall_simple_history": "44",
    "admin:membership_sitepage_simple_history": "44",
    "admin:password_change_done": "25",
    "admin:post_office_attachment_change": "RR",
    "admin:post_office_attachment_delete": "RR",
    "admin:post_office_attachment_history": "RR",
    "admin:post_office_email_add": "33",
    "admin:post_office_email_change": "RR",
    "admin:post_office_email_delete": "RR",
    "admin:post_office_email_history": "RR",
    "admin:post_office_emailtemplate_change": "RR",
    "admin:post_office_emailtemplate_delete": "RR",
    "admin:post_office_emailtemplate_history": "RR",
    "admin:post_office_log_change": "RR",
    "admin:post_office_log_delete": "RR",
    "admin:post_office_log_history": "RR",
    "admin:reports_reportdefinition_change": "RR",
    "admin:reports_reportdefinition_delete": "RR",
    "admin:reports_reportdefinition_history": "44",
    "admin:reports_reportdefinition_simple_history": "44",
    "admin:reports_reportrun_change": "RR",
    "admin:reports_reportrun_delete": "RR",
    "admin:reports_reportrun_history": "RR",
    "admin:socialaccount_socialaccount_change": "RR",
    "admin:socialaccount_socialaccount_delete": "RR",
    "admin:socialaccount_socialaccount_history": "RR",
    "admin:socialaccount_socialapp_change": "RR",
    "admin:socialaccount_socialapp_delete": "RR",
    "admin:socialaccount_socialapp_history": "RR",
    "admin:socialaccount_socialtoken_change": "RR",
    "admin:socialaccount_socialtoken_delete": "RR",
    "admin:socialaccount_socialtoken_history": "RR",
    "admin:view_on_site": "44",
}
# Values for whatever a pattern takes; the admin checks who asks before it looks anything up.
KWARGS = {
    "app_label": "membership",
    "object_id": "1",
    "content_type_id": "1",
    "history_id": "1",
    "version_id": "1",
    "id": "1",
    "url": "x/",
    "pk": "1",
    "content_id": "0" * 32,
}


def case(name: str) -> tuple[str, tuple[str, str]]:
    """The URL to ask and the expected answers."""
    answer = ADMIN_ANSWERS.get(name, "22")
    expected = SPECIAL.get(name, (NOT_ADMIN + answer[0], NOT_ADMIN + answer[1]))
    try:
        # django-simple-history's object history pages take positional arguments.
        return reverse(name, args=["1", "1"]), expected
    except NoReverseMatch:
        pass
    for keys in ((), ("object_id",), ("app_label",), ("content_type_id", "object_id"),
                 ("object_id", "history_id"), ("object_id", "version_id"), ("id",), ("url",),
                 ("pk",), ("pk", "content_id")):  # fmt: skip
        kwargs = {key: KWARGS[key] for key in keys}
        try:
            return reverse(name, kwargs=kwargs), expected
        except NoReverseMatch:
            continue
    raise NoReverseMatch(name)
