"""First journeys: language switch, NGO sign-up to organisation, staff sign-in with a second factor."""

import re

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import mail

from membership.models import Organisation, Role
from tests.factories import TEST_PASSWORD, TOTP_SECRET, user_with_role


def current_totp() -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2]))


def test_visitor_switches_language(browse):
    page = browse().visit("/fi/")
    assert page.locator("h1").inner_text() == "Vantaan ja Keravan järjestöyhteistyön neuvottelukunta"
    page.get_by_role("button", name="Svenska").click()
    page.wait_for_url(re.compile(r"/sv/$"))
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "Delegationen för organisationssamarbete" in page.locator("h1").inner_text()
    page.check_axe()
    page.get_by_role("button", name="English").click()
    page.wait_for_url(re.compile(r"/en/$"))
    assert page.locator("h1").inner_text() == "NGO cooperation council of Vantaa and Kerava"
    page.check_axe()


def test_ngo_contact_signs_up_verifies_and_registers_an_organisation(browse):
    page = browse().visit("/fi/accounts/signup/")
    page.locator("#id_email, #id_login").first.fill("uusi.jarjesto@example.fi")
    page.locator("#id_first_name").fill("Sanna")
    page.locator("#id_last_name").fill("Seurala")
    page.locator("#id_password1").fill(TEST_PASSWORD + "x!")
    page.locator("#id_password2").fill(TEST_PASSWORD + "x!")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    page.check_axe()

    # Before verifying, signing in is refused with a message.
    page.visit("/fi/accounts/login/")
    page.locator("#id_email, #id_login").first.fill("uusi.jarjesto@example.fi")
    page.locator("#id_password").fill(TEST_PASSWORD + "x!")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))

    path = re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    page.visit(path)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/fi/my/$"))
    page.check_axe()

    page.visit("/fi/organisations/new/")
    page.get_by_label("Nimi suomeksi").fill("Seuralan Senioriyhdistys ry")
    page.get_by_label("Y-tunnus").fill("0737546-1")
    page.get_by_label("PRH:n pääluokka").select_option(label="Sosiaali- ja terveysala")
    page.get_by_label("Neuvottelukunnan paikkaryhmä").select_option(label="Eläkeläisjärjestöt")
    page.get_by_label("Kerava").check()
    page.get_by_role("button", name="Rekisteröi").click()
    summary = page.locator(".error-summary")
    assert "ei ole kelvollinen Y-tunnus" in summary.inner_text()
    assert page.get_by_label("Nimi suomeksi").input_value() == "Seuralan Senioriyhdistys ry"
    page.check_axe()
    page.get_by_label("Y-tunnus").fill("2331972-7")
    page.get_by_role("button", name="Rekisteröi").click()
    page.wait_for_url(re.compile(r"/fi/organisations/\d+/$"))
    assert page.locator("h1").inner_text() == "Seuralan Senioriyhdistys ry"
    page.check_axe()
    organisation = Organisation.objects.get(business_id="2331972-7")
    assert organisation.contact_links.get().user.email == "uusi.jarjesto@example.fi"


def test_staff_member_signs_in_with_a_second_factor(browse):
    staff = user_with_role(Role.STAFF, email="hyte.testi@example.fi")
    page = browse().visit("/fi/accounts/login/")
    page.locator("#id_email, #id_login").first.fill(staff.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.check_axe()
    page.locator("input[name=code]").fill("000000" if current_totp() != "000000" else "111111")
    page.locator("main form button[type=submit]").first.click()
    assert page.locator(".errorlist, .error-summary").first.is_visible()
    page.check_axe()
    page.locator("input[name=code]").fill(current_totp())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/fi/my/$"))
    assert "HYTE-tiimi" in page.locator("main").inner_text()
    page.check_axe()
