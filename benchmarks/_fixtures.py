"""Sign-in sessions and page addresses on a benchmark database, printed as JSON.

Run as `python -m benchmarks._fixtures SESSIONS_PER_ROLE` with the benchmark server's
environment (the same database and SECRET_KEY, so the sessions are valid there). Pages and
journeys are found in the data, so the same code serves the default and the large scale.
"""

import json
import sys

import django

django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from council.models import Meeting  # noqa: E402
from grants.models import Grant  # noqa: E402
from membership.calls.demo import OPEN_TITLE  # noqa: E402
from membership.models import NominationCall, Organisation, User  # noqa: E402

ROLE_LOGINS = {
    "staff": "hyte@example.fi",
    "member": "jasen@example.fi",
    "board": "lautakunta@example.fi",
}


def _session(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _nominating_contact(call: NominationCall) -> User:
    """An NGO contact with an organisation that has not nominated yet: the form is theirs."""
    waiting = Organisation.objects.filter(contact_links__isnull=False).exclude(nominations__call=call)
    demo = User.objects.get(email="jarjesto@example.fi")
    if waiting.filter(contact_links__user=demo).exists():
        return demo
    return waiting.order_by("pk").first().contact_links.order_by("pk").first().user


def main(per_role: int) -> None:
    translation.activate("fi")
    call = NominationCall.objects.get(title_fi=OPEN_TITLE)
    contact = _nominating_contact(call)
    users = {role: User.objects.get(email=email) for role, email in ROLE_LOGINS.items()}
    users["ngo"] = contact
    year = Grant.objects.order_by("-year").values_list("year", flat=True).first()
    meeting = (
        Meeting.objects.filter(minutes_state=Meeting.MinutesState.PUBLISHED).order_by("-starts_at").first()
    )
    urls = {
        "floor_anonymous": reverse("bench_floor_anonymous"),
        "floor_signed_in": reverse("bench_floor_signed_in"),
        "front": reverse("home"),
        "progress": reverse("actionplan:progress"),
        "members": reverse("membership:member_list"),
        "archive": reverse("council:archive"),
        "calendar": reverse("council:calendar"),
        "calls": reverse("membership:call_list"),
        "call": reverse("membership:call_detail", args=[call.pk]),
        "nomination_form": reverse("membership:nomination_create", args=[call.pk]),
        "board": reverse("membership:composition_board", args=[call.pk]),
        "nominations": reverse("membership:nomination_list", args=[call.pk]),
        "grants": reverse("grants:grant_list"),
        "grants_filtered": f"{reverse('grants:grant_list')}?year={year}&status=granted",
        "grants_totals": f"{reverse('grants:totals')}?year={year}",
        "export_xlsx": reverse("grants:grant_export", args=["xlsx"]),
        "export_csv": reverse("grants:grant_export", args=["csv"]),
        "meeting": reverse("council:meeting_detail", args=[meeting.pk])
        if meeting
        else reverse("council:archive"),
        "staff_meetings": reverse("council:meeting_list"),
        "reports": reverse("reports:run_list"),
    }
    sessions = {role: [_session(user) for _ in range(per_role)] for role, user in users.items()}
    print(json.dumps({"urls": urls, "sessions": sessions, "counts": _counts(call)}))


def _counts(call: NominationCall) -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "grants": Grant.objects.count(),
        "nominations in the open call": call.nominations.count(),
        "meetings": Meeting.objects.count(),
    }


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
