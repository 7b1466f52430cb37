"""One journey through a meeting: proposal, agenda, review, attendance, minutes, check, publication."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from council.models import Meeting, TopicProposal
from membership.models import Role
from tests.council.factories import make_meeting, restore_migration_data, seat
from tests.factories import user_with_role


@pytest.fixture(autouse=True)
def _migration_data(transactional_db):
    restore_migration_data()


def test_meeting_from_topic_proposal_to_published_minutes(browse):
    member_seat = seat()
    member = member_seat.user
    staff = user_with_role(Role.STAFF)
    meeting = make_meeting(items=0)

    proposer = browse(member)
    proposer.visit("/fi/council/proposals/new/")
    proposer.select_option("#id_meeting", str(meeting.pk))
    proposer.fill("#id_title", "Järjestöjen kohtaamispaikat")
    proposer.fill("#id_description", "Tarvitsemme yhteisiä tiloja Keravalle.")
    proposer.click("main button[type=submit]")
    proposer.wait_for_url(re.compile(r"/proposals/mine/"))
    proposer.check_axe()
    proposal = TopicProposal.objects.get()

    hyte = browse(staff)
    hyte.on("dialog", lambda dialog: dialog.accept())
    hyte.visit(f"/fi/council/staff/proposals/{proposal.pk}/")
    hyte.check("input[name=action][value=accept]")
    hyte.click("main button[type=submit]")
    hyte.wait_for_url(re.compile(r"/agenda/$"))
    hyte.check_axe()
    hyte.click("text=Lisää asia")
    hyte.fill("#id_title", "Henkilövalinta työryhmään")
    hyte.fill("#id_background", "Ehdokkaan terveystiedot")
    hyte.uncheck("#id_is_public")
    hyte.fill("#id_public_title", "Työryhmän jäsenen valinta")
    hyte.select_option("#id_withholding_ground", "24.1.32")
    hyte.click("main button[type=submit]")
    hyte.wait_for_url(re.compile(r"/agenda/"))
    hyte.click("text=Lähetä esityslista jäsenille")
    hyte.wait_for_selector("text=Esityslista on lähetetty")
    hyte.check_axe()

    proposer.visit(f"/fi/council/meetings/{meeting.pk}/")
    item = meeting.items.get(title="Järjestöjen kohtaamispaikat")
    proposer.fill(f"#comment-{item.pk}", "Kiitos, että otitte asian esille.")
    proposer.click(f"#item-{item.pk} button[type=submit]")
    proposer.wait_for_selector("text=Kommenttisi kohtaan")
    proposer.click("button[value=attending]")
    proposer.wait_for_selector("text=Kiitos, vastauksesi on tallennettu")
    proposer.check_axe()

    hyte.visit(f"/fi/council/staff/meetings/{meeting.pk}/attendance/")
    assert "Kiitos, että otitte asian esille." in hyte.content()
    # The meeting is held: minutes go forward only after it has started.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=2))
    hyte.visit(f"/fi/council/staff/meetings/{meeting.pk}/minutes/")
    for select in hyte.locator("select[name$='-resolution']").all():
        select.select_option("as_proposed")
    hyte.fill(f"#id_i{item.pk}-decision", "Selvitetään tilat kevään aikana.")
    hyte.check("input[name=p-present]")
    hyte.click("button[name=save]")
    hyte.wait_for_selector("text=Pöytäkirja on tallennettu")
    hyte.check(f"input[name=c-checkers][value='{member.pk}']")
    hyte.click("text=Tallenna tarkastajat")
    hyte.wait_for_selector("text=Valmis.")
    hyte.click("button[value=to_checkers]")
    hyte.wait_for_selector("text=tarkastettavana")
    hyte.check_axe()

    proposer.visit(f"/fi/council/meetings/{meeting.pk}/minutes/check/")
    proposer.check("input[name=approve][value=yes]")
    proposer.click("main button[type=submit]")
    proposer.wait_for_selector("text=Kiitos, vastauksesi on tallennettu")
    proposer.check_axe()

    hyte.visit(f"/fi/council/staff/meetings/{meeting.pk}/minutes/")
    hyte.click("button[value=publish]")
    hyte.wait_for_selector("text=Valmis.")
    assert Meeting.objects.get(pk=meeting.pk).minutes_state == Meeting.MinutesState.PUBLISHED

    public = browse()
    public.visit(f"/fi/council/meetings/{meeting.pk}/")
    text = public.inner_text("main")
    assert "Selvitetään tilat kevään aikana." in text
    assert "Työryhmän jäsenen valinta" in text and "Asia käsiteltiin ei-julkisena." in text
    assert "Henkilövalinta työryhmään" not in text and "Ehdokkaan terveystiedot" not in text
    public.visit("/fi/council/archive/")


def test_staff_pages_pass_axe(browse):
    from tests.council.factories import BodyFactory

    seat()
    meeting = make_meeting(items=3)
    body = BodyFactory()
    page = browse(user_with_role(Role.STAFF))
    for path in [
        "/fi/council/staff/",
        "/fi/council/staff/meetings/",
        "/fi/council/staff/meetings/new/",
        f"/fi/council/staff/meetings/{meeting.pk}/agenda/",
        f"/fi/council/staff/meetings/{meeting.pk}/edit/",
        f"/fi/council/staff/items/{meeting.items.first().pk}/edit/",
        "/fi/council/staff/proposals/",
        "/fi/council/staff/bodies/",
        f"/fi/council/staff/bodies/{body.pk}/edit/",
        f"/fi/council/staff/bodies/{body.pk}/members/",
        "/fi/council/staff/events/new/",
        "/fi/council/",
        "/sv/council/archive/",
    ]:
        page.visit(path)
    page.visit(f"/fi/council/staff/meetings/{meeting.pk}/agenda/")
    third = meeting.items.get(title="Asia 3")
    page.click(f"#item-{third.pk} button[value=up]")
    # The move is an htmx swap of the list, announced in the live region (no page load).
    page.wait_for_selector("#agenda-items [data-announce]", state="attached")
    titles = list(meeting.items.order_by("position").values_list("title", flat=True))
    assert titles.index("Asia 3") < titles.index("Asia 2")
    page.check_axe()


def test_minutes_with_a_conflict_a_deputy_a_vote_and_a_dissent(browse):
    """Attendance with a conflicted member and a deputy, a vote with counts, a dissent, checkers,
    approval and publication; the public page and PDF show the vote, the dissent and only the public
    title of a withheld item; axe passes on every page in fi and sv."""
    from council import services

    absent_user = user_with_role(Role.MEMBER)
    deputy = user_with_role(Role.MEMBER)
    seat(user=absent_user, deputy_user=deputy)
    checker = seat()
    conflicted = seat()
    staff = user_with_role(Role.STAFF)
    meeting = make_meeting(items=1, days=-1)
    services.add_item(
        meeting,
        title="Avustus Esimerkkiyhdistykselle",
        background="Yhdistyksen talousvaikeudet ja velkajärjestely",
        is_public=False,
        public_title="Järjestöavustuksen myöntäminen",
        withholding_ground="24.1.20",
    )
    services.send_agenda(meeting)
    voted = meeting.items.get(title="Asia 1")
    people = {a.full_name: a for a in meeting.attendances.all()}

    hyte = browse(staff)
    hyte.visit(f"/fi/council/staff/meetings/{meeting.pk}/minutes/")
    for person in (deputy, checker.user, conflicted.user):
        hyte.check(f"input[name=p-present][value='{people[str(person)].pk}']")
    hyte.click("button[name=save]")
    hyte.wait_for_selector("text=Pöytäkirja on tallennettu")
    assert people[str(absent_user)].seat == people[str(deputy)].seat

    hyte.visit(f"/fi/council/staff/items/{voted.pk}/handling/")
    hyte.check(f"input[name=conflicted][value='{people[str(conflicted.user)].pk}']")
    hyte.fill("#id_vote_proposals", "Jaa = esittelijän ehdotus, Ei = vastaehdotus")
    hyte.fill("#id_votes_for", "3")
    hyte.click("main button[type=submit]")
    hyte.wait_for_selector("text=Äänet ylittävät")
    hyte.check_axe()
    assert hyte.input_value("#id_vote_proposals") == "Jaa = esittelijän ehdotus, Ei = vastaehdotus"
    hyte.fill("#id_votes_for", "1")
    hyte.fill("#id_votes_against", "1")
    hyte.select_option("#id_dissent_by", str(people[str(checker.user)].pk))
    hyte.fill("#id_dissent_text", "Vastaehdotus olisi turvannut pienten järjestöjen osuuden.")
    hyte.click("main button[type=submit]")
    hyte.wait_for_url(re.compile(r"/minutes/#item-"))
    hyte.check_axe()

    for select in hyte.locator("select[name$='-resolution']").all():
        if not select.input_value():
            select.select_option("as_proposed")
    hyte.click("button[name=save]")
    hyte.wait_for_selector("text=Pöytäkirja on tallennettu")
    hyte.check(f"input[name=c-checkers][value='{checker.user.pk}']")
    hyte.click("text=Tallenna tarkastajat")
    hyte.wait_for_selector("text=Valmis.")
    hyte.click("button[value=to_checkers]")
    hyte.wait_for_selector("text=tarkastettavana")
    hyte.check_axe()
    hyte.click("button[value=approve]")
    hyte.wait_for_selector("button[value=publish]")
    hyte.click("button[value=publish]")
    hyte.wait_for_selector("text=Valmis.")
    hyte.check_axe()
    hyte.visit(f"/fi/council/staff/meetings/{meeting.pk}/history/")
    assert "Vastaehdotus olisi turvannut" in hyte.inner_text("main")

    for language in ("fi", "sv"):
        public = browse(language=language)
        public.visit(f"/{language}/council/meetings/{meeting.pk}/")
        text = public.inner_text("main")
        assert "Jaa = esittelijän ehdotus, Ei = vastaehdotus" in text
        assert "Vastaehdotus olisi turvannut pienten järjestöjen osuuden." in text
        assert "Järjestöavustuksen myöntäminen" in text
        assert "Avustus Esimerkkiyhdistykselle" not in text and "velkajärjestely" not in text
        public.visit(f"/{language}/council/archive/")
    assert "Ja 1, nej 1, blankt 0" in text
    assert "24 § 1 mom. 20 p." in text
    pdf = public.request.get(f"{public.base_url}/fi/council/meetings/{meeting.pk}/minutes.pdf").body()
    pdf_text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Jaa 1, ei 1, tyhjää 0" in pdf_text
    assert "Vastaehdotus olisi turvannut" in pdf_text and "esteellinen" in pdf_text
    assert "Järjestöavustuksen myöntäminen" in pdf_text
    assert "Avustus Esimerkkiyhdistykselle" not in pdf_text and "velkajärjestely" not in pdf_text
