"""The main menu per role: each link leads where the role has something, and marks the current page."""

import re

import pytest
from django.urls import resolve, reverse

from membership.models import Role
from reports.models import RunState, ScheduleKind
from tests.factories import OrganisationFactory, contact_of, user_with_role
from tests.reports.factories import ReportDefinitionFactory, ReportRunFactory

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<nav class="main-nav".*?</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"([^>]*)>([^<]+)</a>')
STAFF_ONLY = {
    "membership:organisation_list",
    "membership:classifications",
    "membership:role_invitations",
    "council:staff_dashboard",
    "actionplan:period_list",
}


def _menu(client, user, path="/fi/my/") -> dict[str, tuple[str, str, bool]]:
    """The menu's links by view name: (label, address, marked as the current page)."""
    client.force_login(user)
    html = MENU.search(client.get(path).content.decode()).group(0)
    return {
        resolve(href).view_name: (label.strip(), href, 'aria-current="page"' in attrs)
        for href, attrs, label in LINK.findall(html)
    }


def test_staff_see_the_organisations_and_reports_they_manage(client):
    menu = _menu(client, user_with_role(Role.STAFF), reverse("membership:organisation_list"))
    assert STAFF_ONLY | {"reports:run_list", "grants:grant_list", "grants:totals"} <= set(menu)
    assert menu["membership:organisation_list"] == ("Järjestöt", "/fi/organisations/", True)
    assert not menu["dashboard"][2]


def test_a_contact_person_s_menu_leads_to_their_organisation_and_has_no_reports(client):
    organisation = OrganisationFactory()
    contact = contact_of(organisation)
    detail = reverse("membership:organisation_detail", args=[organisation.pk])
    menu = _menu(client, contact)
    assert menu["membership:organisation_detail"] == ("Järjestösi", detail, False)
    assert "reports:run_list" not in menu and "grants:totals" not in menu
    assert "grants:grant_list" in menu and not STAFF_ONLY & set(menu)
    assert _menu(client, contact, detail)["membership:organisation_detail"][2]
    # Another organisation's page is not theirs: the link is not marked there.
    contact_of(other := OrganisationFactory(), contact)
    menu = _menu(client, contact, reverse("membership:organisation_detail", args=[other.pk]))
    assert menu["membership:organisation_list"] == ("Omat järjestöni", "/fi/organisations/", False)
    assert "membership:organisation_detail" not in menu


@pytest.mark.parametrize("role", (Role.MEMBER, Role.BOARD))
def test_members_have_reports_but_no_organisation_link(client, role):
    menu = _menu(client, user_with_role(role))
    assert menu["reports:run_list"][0] == "Raportit"
    assert "grants:totals" in menu
    assert not {"membership:organisation_list", "membership:organisation_detail"} & set(menu)
    assert not STAFF_ONLY & set(menu)


def test_a_member_who_is_also_a_contact_person_has_both(client):
    organisation = OrganisationFactory()
    menu = _menu(client, contact_of(organisation, user_with_role(Role.MEMBER)))
    assert {"reports:run_list", "membership:organisation_detail", "grants:grant_list"} <= set(menu)


def test_the_report_list_tells_a_member_what_is_coming(client):
    member = user_with_role(Role.MEMBER)
    ReportDefinitionFactory(
        name="Neuvottelukunnan katsaus", recipient_roles=[Role.MEMBER], schedule=ScheduleKind.RECURRING
    )
    client.force_login(member)
    html = client.get(reverse("reports:run_list")).content.decode()
    assert "Neuvottelukunnan katsaus: seuraava raportti" in html
    assert "Raportteja ei vielä ole." in html
    # Only finished runs reach a recipient, so there is nothing to filter by state.
    assert 'name="state"' not in html
    ReportRunFactory(definition=ReportDefinitionFactory(recipient_roles=[Role.BOARD]), state=RunState.FAILED)
    client.force_login(user_with_role(Role.STAFF))
    assert 'name="state"' in client.get(reverse("reports:run_list")).content.decode()
