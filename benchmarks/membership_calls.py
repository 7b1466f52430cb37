"""Nomination calls on the large demo data: the nomination list, the composition board and a
form submission, through the whole Django stack (middleware, views, templates)."""

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from benchmarks._timing import measure, report


def run() -> None:
    call_command("seed_demo", scale="large", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from membership.calls.demo import OPEN_TITLE
    from membership.models import Nomination, NominationCall, Role, User

    call = NominationCall.objects.get(title_fi=OPEN_TITLE)
    staff = User.objects.filter(role_assignments__role=Role.STAFF).first()
    count = call.nominations.count()
    print(f"open call with {count} nominations ({connection.vendor})")

    with override_settings(
        ALLOWED_HOSTS=["*"], EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        client = Client()
        client.force_login(staff)
        list_url = reverse("membership:nomination_list", args=[call.pk])
        board_url = reverse("membership:composition_board", args=[call.pk])
        for label, url in (
            ("nomination list (page 1 of 50 rows)", list_url),
            ("composition board", board_url),
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            report(f"{label}, {len(queries)} queries", measure(lambda url=url: client.get(url)))

        # One add/remove click answers with its category and the rule summary (htmx).
        toggled = call.nominations.filter(status=Nomination.Status.SUBMITTED, in_proposal=False).first()
        toggle_url = reverse("membership:proposal_toggle", args=[call.pk])
        clicks = iter(["add", "remove"] * 40)

        def click():
            response = client.post(toggle_url, {next(clicks): toggled.pk}, HTTP_HX_REQUEST="true")
            assert response.status_code == 200, response.status_code
            return response

        # Counted by an execute wrapper: CaptureQueriesContext undercounts this POST here (DEBUG on).
        executed = []
        with connection.execute_wrapper(lambda execute, *args: (executed.append(args[0]), execute(*args))[1]):
            size = len(click().content)
        click()
        report(f"board click (htmx), {size // 1024} KB, {len(executed)} queries", measure(click))

        nomination = (
            Nomination.objects.filter(call=call, organisation__contact_links__isnull=False)
            .select_related("organisation")
            .first()
        )
        contact = nomination.organisation.contact_links.first().user
        ngo = Client()
        ngo.force_login(contact)
        edit_url = reverse("membership:nomination_edit", args=[nomination.pk])
        data = {
            field: getattr(nomination, field)
            for field in (
                "representative_name",
                "representative_email",
                "representative_phone",
                "representative_role",
                "representative_capacity",
                "deputy_name",
                "deputy_email",
                "deputy_phone",
                "deputy_role",
                "deputy_capacity",
                "motivation",
                "expertise",
                "networks",
                "languages",
            )
        }
        data.update(
            seat_category=nomination.seat_category_id,
            accepts_time_commitment="on",
            consents_to_processing="on",
            action="submit",
        )

        def submit():
            response = ngo.post(edit_url, data)
            assert response.status_code == 302, response.status_code

        report("nomination form submission (POST, receipt email)", measure(submit))
