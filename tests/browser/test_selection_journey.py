"""The seeded open call, short in some categories, is decided with reasons; a supplementary call fills it."""

import datetime
import re

from django.utils import timezone

from membership.calls.demo import OPEN_TITLE, seed_calls
from membership.demo import DemoContext, seed_membership
from membership.models import NominationCall, Role, VacantSeat
from tests.factories import OrganisationFactory, contact_of, user_with_role

from .test_membership_calls import _fill_nomination


def test_seeded_call_decided_with_reasons_and_a_supplementary_call_fills_the_vacant_seat(browse):
    ctx = DemoContext(log=lambda message: None)
    seed_membership(ctx)
    seed_calls(ctx)
    call = NominationCall.objects.get(title_fi=OPEN_TITLE)
    staff = user_with_role(Role.STAFF)

    # From the front page to the decision, by links only.
    page = browse(staff).visit("/fi/")
    page.locator("main").get_by_role("link", name="Haut ja valinta").click()
    page.wait_for_url(re.compile(r"/fi/calls/$"))
    page.check_axe()
    page.click(f"main a[href='/fi/calls/{call.pk}/']")
    page.wait_for_url(re.compile(rf"/fi/calls/{call.pk}/$"))
    page.click(f"a[href='/fi/calls/{call.pk}/board/']")
    page.wait_for_url(re.compile(r"/board/$"))
    page.check_axe()
    assert page.locator(".rule-issues .badge-error").count() >= 2  # short categories, quotas
    page.click(f"main a[href='/fi/calls/{call.pk}/decision/']")
    page.wait_for_url(re.compile(r"/decision/$"))
    page.check_axe()

    # Without reasons the board's decision is refused, with a message and nothing typed lost.
    page.fill("[name=date]", timezone.localdate().isoformat())
    page.fill("[name=section]", "§ 41")
    page.click("form[method=post] button[type=submit] >> nth=-1")
    page.locator(".error-summary").wait_for()
    page.check_axe()
    assert page.input_value("[name=section]") == "§ 41"
    kinds = page.locator("select[name^=reason_kind_]")
    assert kinds.count() >= 2
    for index in range(kinds.count()):
        kinds.nth(index).select_option("supplementary")
        page.locator(f"[name=reason_text_{index}]").fill("Ehdokkaita liian vähän; täydennyshaku avataan.")
    page.click("form[method=post] button[type=submit] >> nth=-1")
    page.wait_for_url(re.compile(r"/fi/members/$"))
    page.check_axe()
    assert "Ehdokkaita liian vähän; täydennyshaku avataan." in page.inner_text("main")
    vacant = VacantSeat.objects.filter(call=call, filled_at__isnull=True).select_related("seat_category")
    assert vacant.exists()
    category = vacant.first().seat_category

    # A supplementary call for one vacant seat, published by staff.
    page.visit(f"/fi/calls/{call.pk}/")
    page.click(f"a[href='/fi/calls/{call.pk}/supplementary/']")
    page.wait_for_url(re.compile(r"/supplementary/$"))
    page.check_axe()
    now = timezone.localtime()
    for other in vacant.exclude(seat_category=category).values_list("seat_category_id", flat=True).distinct():
        page.fill(f"[name=seats_{other}]", "0")
    page.fill(f"[name=seats_{category.pk}]", "1")
    page.fill("[name=opens_at]", (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=closes_at]", (now + datetime.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"))
    page.click("form[method=post] button[type=submit] >> nth=-1")
    page.wait_for_url(re.compile(r"/fi/calls/\d+/$"))
    supplementary = NominationCall.objects.get(supplementary_for=call)
    page.click(f"a[href='/fi/calls/{supplementary.pk}/edit/']")
    page.wait_for_url(re.compile(r"/edit/$"))
    page.click("button[name=action][value=publish]")
    page.wait_for_url(re.compile(rf"/fi/calls/{supplementary.pk}/$"))
    page.check_axe()
    supplementary.refresh_from_db()
    assert supplementary.is_open()

    # An NGO of the vacant seat's category nominates in the supplementary call.
    contact = contact_of(OrganisationFactory(name_fi="Täydentävä Yhdistys ry", seat_category=category))
    ngo = browse(contact).visit(f"/fi/calls/{supplementary.pk}/")
    ngo.click(f"a[href='/fi/calls/{supplementary.pk}/nominate/']")
    ngo.wait_for_url(re.compile(r"/nominate/$"))
    _fill_nomination(ngo, "Tiina Täydentäjä", "tiina@example.fi")
    ngo.click("button[name=action][value=submit]")
    ngo.wait_for_url(re.compile(r"/fi/nominations/\d+/$"))

    # Staff propose the nominee and record the decision: the vacant seat is filled.
    nomination = supplementary.nominations.get()
    board = page.visit(f"/fi/calls/{supplementary.pk}/board/")
    board.click(f"button[name=add][value='{nomination.pk}']")
    board.wait_for_selector(f"button[name=remove][value='{nomination.pk}']")
    board.check_axe()
    decision = page.visit(f"/fi/calls/{supplementary.pk}/decision/")
    decision.fill("[name=date]", timezone.localdate().isoformat())
    decision.fill("[name=section]", "§ 52")
    decision.click("form[method=post] button[type=submit] >> nth=-1")
    decision.wait_for_url(re.compile(r"/fi/members/$"))
    decision.check_axe()
    filled = VacantSeat.objects.get(call=call, filled_by_call=supplementary)
    assert filled.filled_by.full_name == "Tiina Täydentäjä"
    assert "Tiina Täydentäjä" in decision.inner_text("#vacant-seats ~ ul.vacant-seats")
