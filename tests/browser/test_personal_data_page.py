"""A person reads their own data: fields under their Finnish labels, codes as words, dates in Finnish."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from council.models import TopicProposal
from membership.calls.demo import OPEN_TITLE, seed_calls
from membership.demo import DemoContext, seed_membership
from membership.models import AccessibilityFeedback, NominationCall, Role
from reports.models import ReportRun, RunState
from tests.council.factories import make_meeting
from tests.membership.call_factories import NominationFactory
from tests.reports.factories import ReportDefinitionFactory


@pytest.fixture
def person(browse):
    ctx = DemoContext(log=lambda message: None)
    seed_membership(ctx)
    seed_calls(ctx)
    user = ctx.users[Role.NGO_CONTACT]
    NominationFactory(
        call=NominationCall.objects.get(title_fi=OPEN_TITLE),
        organisation=user.contact_links.get().organisation,
        representative_email=user.email,
        representative_name="Jaana Järjestö",
    )
    meeting = make_meeting(days=5, items=1)
    TopicProposal.objects.create(
        body=meeting.body,
        meeting=meeting,
        proposer=user,
        title="Nuorten mielenterveys",
        description="Ehdotus",
    )
    ReportRun.objects.create(
        definition=ReportDefinitionFactory(recipient_emails=user.email),
        period="2026-H1",
        state=RunState.FINISHED,
        delivered_to=[user.email],
    )
    AccessibilityFeedback.objects.create(message="Kontrasti on heikko.", email=user.email)
    return user


def _fact(page, section: str, label: str):
    part = page.locator("section", has=page.get_by_role("heading", name=section, level=2, exact=True))
    return part.locator("dl.details dt", has_text=re.compile(f"^{re.escape(label)}$")).locator("+ dd")


def test_a_person_reads_their_data_in_finnish(browse, person):
    page = browse(person).visit("/fi/my/")
    page.get_by_role("link", name="Lue tietosi").click()
    page.wait_for_url(re.compile(r"/fi/my/data/$"))
    page.check_axe()
    expect(page.get_by_role("heading", name="Henkilötiedot", level=1)).to_be_visible()

    expect(_fact(page, "Käyttäjätili ja järjestöt", "Asiointikieli")).to_have_text("suomi")
    joined = timezone.localtime(person.date_joined)
    expect(_fact(page, "Käyttäjätili ja järjestöt", "Liittyi portaaliin")).to_have_text(
        f"{joined:%-d.%-m.%Y} klo {joined:%-H.%M}"
    )
    organisations = page.get_by_role("table", name=re.compile("Järjestöt$"))
    expect(organisations.get_by_role("columnheader", name="Ensisijainen yhteyshenkilö")).to_be_visible()
    expect(organisations.get_by_role("cell", name="Kyllä", exact=True)).to_be_visible()

    expect(page.get_by_role("heading", name="Ehdotukset", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name=OPEN_TITLE, level=3)).to_be_visible()
    expect(_fact(page, "Ehdotukset", "Tila")).to_have_text("lähetetty")
    expect(_fact(page, "Ehdotukset", "Ehdolla tehtävään")).to_have_text("Edustaja")
    expect(_fact(page, "Ehdotukset", "Edustaja osallistuu")).to_have_text("vapaaehtoisena")

    proposals = page.get_by_role("table", name=re.compile("Aihe-ehdotukset$"))
    expect(
        proposals.get_by_role("row", name=re.compile("Nuorten mielenterveys Ehdotus odottaa"))
    ).to_be_visible()
    reports = page.get_by_role("table", name=re.compile("Sinulle lähetetyt raportit$"))
    expect(reports.get_by_role("cell", name="2026, 1. vuosipuolisko")).to_be_visible()

    main = page.locator("main")
    for raw in ("preferred_language", "representative_capacity", "submitted", "volunteer", "True"):
        expect(main).not_to_contain_text(raw)
