"""The whole path of a call: staff open it, two NGOs nominate, staff select, the board decides."""

import datetime
import re

from django.core import mail
from django.utils import timezone

from membership.models import CouncilMembership, Nomination, NominationCall, Role, SeatCategory
from tests.factories import OrganisationFactory, contact_of, user_with_role


def test_call_from_opening_to_the_new_council(browse):
    staff = user_with_role(Role.STAFF)
    pensioners = SeatCategory.objects.get(code="pensioners")
    older = SeatCategory.objects.get(code="older-people")
    first_org = OrganisationFactory(name_fi="Eläkeläisyhdistys Testi ry", seat_category=pensioners)
    second_org = OrganisationFactory(name_fi="Ikäihmisten Tuki ry", seat_category=older)
    first_contact, second_contact = contact_of(first_org), contact_of(second_org)
    local_now = timezone.localtime()

    # Staff open a call with one seat in each of two categories.
    page = browse(staff).visit("/fi/calls/new/")
    page.fill("[name=title_fi]", "Jäsenhaku 2027–2029")
    page.fill("[name=description_fi]", "Haemme jäseniä neuvottelukuntaan.")
    page.fill("[name=criteria_fi]", "Asiantuntemus ja verkostot.")
    page.fill("[name=time_commitment_fi]", "Neljä kokousta vuodessa.")
    page.fill("[name=term_starts_on]", "2027-06-01")
    page.fill("[name=term_ends_on]", "2029-05-31")
    page.fill("[name=opens_at]", (local_now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=closes_at]", (local_now + datetime.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=retention_until]", "2030-12-31")
    page.fill("[name=total_seats]", "2")
    for category in (pensioners, older):
        page.fill(f"[name=seats_min_{category.pk}]", "1")
        page.fill(f"[name=seats_max_{category.pk}]", "1")
    page.click("button[name=action][value=publish]")
    page.wait_for_url(re.compile(r"/fi/calls/\d+/$"))
    page.check_axe()
    call = NominationCall.objects.get()
    assert call.is_open()

    # The first NGO forgets the consent, gets a clear message and corrects it.
    ngo = browse(first_contact).visit(f"/fi/calls/{call.pk}/")
    ngo.click(f"a[href='/fi/calls/{call.pk}/nominate/']")
    ngo.wait_for_url(re.compile(r"/nominate/$"))
    ngo.check_axe()
    _fill_nomination(ngo, "Raili Edustaja", "raili@example.fi")
    ngo.uncheck("[name=consents_to_processing]")
    ngo.click("button[name=action][value=submit]")
    ngo.wait_for_selector(".error-summary")
    ngo.check_axe()
    assert ngo.input_value("[name=representative_name]") == "Raili Edustaja"
    ngo.check("[name=consents_to_processing]")
    ngo.click("button[name=action][value=submit]")
    ngo.wait_for_url(re.compile(r"/fi/nominations/\d+/$"))
    ngo.check_axe()

    # The second NGO nominates without a mistake.
    other = browse(second_contact).visit(f"/fi/calls/{call.pk}/nominate/")
    assert other.input_value("[name=seat_category]") == str(older.pk)  # the organisation's own category
    _fill_nomination(other, "Ossi Ehdokas", "ossi@example.fi")
    other.dblclick("button[name=action][value=submit]")  # an impatient double click sends once
    other.wait_for_url(re.compile(r"/fi/nominations/\d+/$"))
    assert other.locator(".error-summary").count() == 0
    assert Nomination.objects.filter(status=Nomination.Status.SUBMITTED).count() == 2

    # Staff score a nomination and build the proposal on the board.
    page.visit(f"/fi/calls/{call.pk}/nominations/")
    first = Nomination.objects.get(organisation=first_org)
    second = Nomination.objects.get(organisation=second_org)
    page.visit(f"/fi/nominations/{first.pk}/review/")
    page.select_option("[name=score]", "4")
    page.fill("[name=score_comment]", "Vahvat verkostot.")
    page.click("form[method=post] button[type=submit] >> nth=-1")
    page.wait_for_selector(".message-success")
    board = page.visit(f"/fi/calls/{call.pk}/board/")
    board.evaluate("window.sameDocument = true")  # lost if the page reloads instead of htmx swapping
    board.click(f"button[name=add][value='{first.pk}']")
    board.wait_for_selector(f"button[name=remove][value='{first.pk}']")
    assert board.locator(".rule-issues .badge-error").count() >= 1  # older people: none proposed yet
    board.check_axe()
    board.click(f"button[name=add][value='{second.pk}']")
    board.wait_for_selector(f"button[name=remove][value='{second.pk}']")
    assert board.locator(".rule-issues .badge-error").count() == 0, board.inner_text(".rule-issues")
    assert board.evaluate("window.sameDocument === true")
    board.check_axe()

    # The board's decision creates the council and sends the emails.
    decision = page.visit(f"/fi/calls/{call.pk}/decision/")
    decision.fill("[name=date]", timezone.localdate().isoformat())
    decision.fill("[name=section]", "§ 12")
    decision.click("form[method=post] button[type=submit] >> nth=-1")
    decision.wait_for_url(re.compile(r"/fi/members/$"))
    decision.check_axe()
    assert CouncilMembership.objects.filter(nomination__call=call).count() == 4
    # Each member is listed, and named again as the one their deputy stands in for.
    for name in ("Raili Edustaja", "Ossi Ehdokas"):
        assert decision.get_by_role("cell", name=name, exact=True).count() == 2
        assert decision.get_by_role("cell", name=f"{name} Varalla", exact=True).count() == 1
    recipients = {address for message in mail.outbox for address in message.to}
    assert {"raili@example.fi", "ossi@example.fi", first_contact.email, second_contact.email} <= recipients


def _fill_nomination(page, name: str, email: str) -> None:
    page.fill("[name=representative_name]", name)
    page.fill("[name=representative_email]", email)
    page.fill("[name=representative_role]", "puheenjohtaja")
    page.check("[name=representative_capacity][value=volunteer]")
    page.fill("[name=deputy_name]", f"{name} Varalla")
    page.fill("[name=deputy_email]", f"vara.{email}")
    page.fill("[name=deputy_role]", "sihteeri")
    page.check("[name=deputy_capacity][value=professional]")
    page.fill("[name=motivation]", "Tuntee kentän.")
    page.fill("[name=expertise]", "Vertaistuki")
    page.fill("[name=languages]", "suomi")
    page.check("[name=accepts_time_commitment]")
    page.check("[name=consents_to_processing]")
