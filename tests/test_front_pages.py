"""The front page of each role: its cards, a fixed query budget, and every page reachable from it by links."""

import datetime
import re
from collections import deque

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from council.models import Attendance, Meeting, MinutesChecker, TopicProposal
from grants.models import Grant
from membership.models import Role
from reports.models import ReportRun, RunState
from tests.council.factories import make_meeting
from tests.factories import OrganisationFactory, contact_of, user_with_role
from tests.grants.factories import GrantFactory
from tests.membership.call_factories import CallFactory, NominationFactory, add_seats
from tests.reports.factories import ReportDefinitionFactory

from .conftest import MATRIX_ROLES
from .test_url_permissions import CASES

pytestmark = pytest.mark.django_db
ROLES = ("anon", "ngo", "member", "board", "staff")


@pytest.fixture
def people():
    organisation = OrganisationFactory()
    return {
        "anon": None,
        "ngo": contact_of(organisation),
        "member": user_with_role(Role.MEMBER),
        "board": user_with_role(Role.BOARD),
        "staff": user_with_role(Role.STAFF),
        "organisation": organisation,
    }


def _fill(people, n: int) -> None:
    """n of everything each front page lists, so that a page that grows with data shows it."""
    call = CallFactory(title_fi=f"Avoin haku {n}")
    add_seats(call)
    definition = ReportDefinitionFactory(recipient_roles=["board"], name="Lautakunnan puolivuosiraportti")
    today = timezone.localdate()
    for i in range(n):
        organisation = OrganisationFactory() if i else people["organisation"]
        NominationFactory(call=call, organisation=organisation)
        GrantFactory(
            organisation=people["organisation"], report_due_on=today + datetime.timedelta(days=i - 2)
        )
        meeting = make_meeting(days=10 + i)
        Attendance.objects.create(
            meeting=meeting, seat=f"s{i}", user=people["member"], full_name="Jäsen", email="j@example.fi"
        )
        TopicProposal.objects.create(
            body=meeting.body, meeting=meeting, proposer=people["member"], title=f"Aihe {i}", description="x"
        )
        MinutesChecker.objects.create(meeting=meeting, user=people["member"])
        Meeting.objects.filter(pk=meeting.pk).update(minutes_state=Meeting.MinutesState.CHECKING)
        ReportRun.objects.create(
            definition=definition,
            period=f"20{20 + i}-H1",
            state=RunState.FINISHED,
            finished_at=timezone.now(),
        )
        ReportRun.objects.create(definition=definition, period=f"20{20 + i}-H2", state=RunState.FAILED)


def _client(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def test_each_role_finds_its_tasks_on_the_front_page(client, people):
    _fill(people, 2)
    pages = {role: _client(client, people[role]).get("/fi/").content.decode() for role in ROLES}
    assert "Avoin haku 2" in pages["ngo"] and str(people["organisation"]) in pages["ngo"]
    assert (
        reverse("grants:grant_detail", args=[Grant.objects.order_by("report_due_on").first().pk])
        in pages["ngo"]
    )
    assert "Osallistumiseen vastattava" in pages["member"] and "Aihe 1" in pages["member"]
    assert (
        reverse("council:minutes_check", args=[MinutesChecker.objects.first().meeting_id]) in pages["member"]
    )
    latest = ReportRun.objects.filter(state=RunState.FINISHED).order_by("-finished_at").first()
    assert reverse("reports:run_detail", args=[latest.pk]) in pages["board"]
    assert "2 epäonnistunutta raporttiajoa" in pages["staff"]
    assert "2 jätettyä ehdotusta" in pages["staff"]
    for role in ("anon", "ngo", "member", "board"):
        assert "front-staff" not in pages[role], role
    assert "front-board" not in pages["member"] and "front-member" not in pages["board"]


@pytest.mark.parametrize("role", ("ngo", "member", "board", "staff"))
def test_front_pages_keep_their_query_budget_at_two_data_sizes(client, people, role):
    counts = []
    for n in (1, 6):
        _fill(people, n)
        _client(client, people[role])
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/fi/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 30, counts


HREF = re.compile(r'href="(/[^"#]*)')
# Files and feeds are linked but not walked into; signing out would end the walk.
NOT_WALKED = (".pdf", ".ics", ".csv", ".xlsx", ".json", "/logout/", "/static/", "/media/", "/admin/")


# Open to the role by the tables but no task of it: a probe for monitoring; topics are proposed by
# members, NGO contacts and staff only (council.services.may_propose), not by board members.
NOT_A_TASK = {
    "health",
    # A form's search endpoint, fetched by its combobox (membership/combobox.py), not a page.
    "grants:organisation_search",
    # allauth's pages shown after an action (a mail sent, a password set, a sign-in cancelled) are
    # reached by doing it, not by a link.
    "account_email_verification_sent",
    "account_inactive",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "socialaccount_login_cancelled",
    # Signing out is a form in the header, and re-authentication is asked for when a task needs it.
    "account_logout",
    "account_reauthenticate",
    "mfa_reauthenticate",
}
# Nor does someone who is no organisation's contact person have organisations to list (they
# register one from their page), and no report is ever addressed to NGO contacts
# (reports.forms.RECIPIENT_ROLES): the menu leaves those links out.
NOT_A_TASK_OF = {
    "board": {"council:proposal_create", "council:my_proposals", "membership:organisation_list"},
    "member": {"membership:organisation_list"},
    "ngo": {"reports:run_list"},
}


def _walk(client, limit: int = 400) -> set[str]:
    """View names of every page reachable by links from the front page (query strings dropped)."""
    seen, reached, queue = {"/fi/"}, {"home"}, deque(["/fi/"])
    while queue and len(seen) < limit:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            href = href.split("?")[0]
            if href in seen or not href.startswith(("/fi/", "/api/")):
                continue
            seen.add(href)
            try:
                reached.add(resolve(href).view_name)
            except Resolver404:
                continue
            # The open data API answers JSON: its addresses are reached from the documentation page.
            if not href.endswith(NOT_WALKED) and "/logout" not in href and not href.startswith("/api/"):
                queue.append(href)
    return reached


def _pages_for(role: str) -> set[str]:
    """The argument-free pages the permission tables open to the role (GET, not an action)."""
    index = MATRIX_ROLES.index(role)
    return (
        {
            name
            for name, (kwargs, get, _post) in CASES.items()
            if kwargs is None and get.replace(" ", "")[index] == "2"
        }
        - NOT_A_TASK
        - NOT_A_TASK_OF.get(role, set())
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_may_use_is_reachable_from_its_front_page(client, people, role):
    _fill(people, 1)
    reached = _walk(_client(client, people[role]))
    unreachable = sorted(_pages_for(role) - reached)
    assert not unreachable, f"{role} cannot reach by links: {unreachable}"
