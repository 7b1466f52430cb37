"""Each role starts from `/`, signs in and reaches its main tasks by clicking only, in Finnish and Swedish."""

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.utils import timezone

from council.models import Attendance
from membership.calls.demo import OPEN_TITLE, seed_calls
from membership.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DemoContext, seed_membership
from membership.kernel.periods import Period
from membership.models import NominationCall, Role
from reports import services as report_services
from reports import tasks as report_tasks
from reports.models import ReportRun
from tests.council.factories import make_meeting, restore_migration_data
from tests.reports.factories import ReportDefinitionFactory

LANGUAGES = ("fi", "sv")


@pytest.fixture
def demo(browse):
    restore_migration_data()
    ctx = DemoContext(log=lambda message: None)
    seed_membership(ctx)
    seed_calls(ctx)
    return ctx


def _totp() -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counters[len(counters) // 2]))


def _sign_in(browse, user, language: str, second_factor: bool = False):
    """From the front page to the sign-in form and back to the role's front page, by clicking."""
    page = browse(language=language).visit(f"/{language}/")
    page.locator(f"a[href^='/{language}/accounts/login/']").first.click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.check_axe()
    page.locator("#id_email, #id_login").first.fill(user.email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    if second_factor:
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        page.locator("input[name=code]").fill(_totp())
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(rf"/{language}/my/$"))
    page.check_axe()
    return _front(page, language)


def _front(page, language: str):
    page.locator(f"nav.main-nav a[href='/{language}/']").click()
    page.wait_for_url(re.compile(rf"/{language}/$"))
    page.check_axe()
    return page


def _open(page, selector: str, url_pattern: str):
    page.locator(selector).first.click()
    page.wait_for_url(re.compile(url_pattern))
    page.check_axe()
    return page


@pytest.mark.parametrize("language", LANGUAGES)
def test_ngo_contact_reaches_the_open_call_its_nomination_form_and_grants(browse, demo, language):
    call = NominationCall.objects.get(title_fi=OPEN_TITLE)
    page = _sign_in(browse, demo.users[Role.NGO_CONTACT], language)
    section = "section[aria-labelledby=front-ngo]"
    _open(page, f"{section} a[href='/{language}/calls/{call.pk}/']", rf"/calls/{call.pk}/$")
    _open(page, f"main a[href='/{language}/calls/{call.pk}/nominate/']", r"/nominate/$")
    _front(page, language)
    _open(page, f"{section} a[href^='/{language}/organisations/']", r"/organisations/\d+/$")
    _front(page, language)
    _open(page, f"{section} a[href='/{language}/grants/']", r"/grants/$")


@pytest.mark.parametrize("language", LANGUAGES)
def test_council_member_reaches_the_next_meeting_and_proposes_a_topic(browse, demo, language):
    member = demo.users[Role.MEMBER]
    meeting = make_meeting(days=12)
    Attendance.objects.create(
        meeting=meeting, seat="m1", user=member, full_name=str(member), email=member.email
    )
    page = _sign_in(browse, member, language)
    section = "section[aria-labelledby=front-member]"
    assert page.locator(section).count() == 1
    meeting_link = f"{section} a[href='/{language}/council/meetings/{meeting.pk}/']"
    _open(page, meeting_link, rf"/meetings/{meeting.pk}/$")
    _front(page, language)
    _open(page, f"{section} a[href='/{language}/council/proposals/new/']", r"/proposals/new/$")


@pytest.mark.parametrize("language", LANGUAGES)
def test_board_member_opens_the_latest_board_report_from_the_front_page(
    browse, demo, language, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(report_tasks.deliver_run, "delay", lambda *args: None)
    definition = ReportDefinitionFactory(language=language, recipient_roles=[Role.BOARD])
    for code in ("2025-H2", "2026-H1"):
        run, _created = report_services.ensure_run(definition, Period.parse(code))
        report_services.execute_run(run.pk)
    latest = ReportRun.objects.filter(period="2026-H1").get()
    ReportRun.objects.filter(pk=latest.pk).update(finished_at=timezone.now())
    page = _sign_in(browse, demo.users[Role.BOARD], language)
    section = "section[aria-labelledby=front-board]"
    assert "2026-H1" in page.locator(f"{section} ul.front-reports li").first.inner_text()
    _open(page, f"{section} ul.front-reports a", rf"/reports/runs/{latest.pk}/$")
    _open(page, f"main a[href='/{language}/reports/runs/{latest.pk}/preview/']", r"/preview/$")


@pytest.mark.parametrize("language", LANGUAGES)
def test_hyte_team_reaches_what_waits_from_the_front_page(browse, demo, language):
    call = NominationCall.objects.get(title_fi=OPEN_TITLE)
    page = _sign_in(browse, demo.users[Role.STAFF], language, second_factor=True)
    section = "section[aria-labelledby=front-staff]"
    _open(page, f"{section} a[href='/{language}/calls/{call.pk}/nominations/']", r"/nominations/$")
    _front(page, language)
    _open(page, f"{section} a[href='/{language}/calls/{call.pk}/board/']", r"/board/$")
    _front(page, language)
    _open(page, f"{section} a[href='/{language}/council/staff/proposals/']", r"/staff/proposals/$")
    _front(page, language)
    _open(page, f"{section} a[href^='/{language}/reports/?state=failed']", r"/reports/\?state=failed")
    _front(page, language)
    _open(page, f"{section} a[href='/{language}/plan/periods/']", r"/plan/periods/$")
