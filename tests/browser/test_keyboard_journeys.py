"""Keyboard-only journeys: the nomination form, the composition board and the agenda order.

Every step presses keys only (Tab, Shift+Tab, Enter, Space, arrows, typing) and asserts where the
focus is afterwards. Screenshots of the focus go to test-artifacts/ (SHOTS_DIR overrides).
"""

import os
import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

from membership.calls.board_views import PAGE
from membership.models import Nomination, Role
from tests.council.factories import make_meeting
from tests.factories import OrganisationFactory, contact_of, user_with_role
from tests.membership.call_factories import CallFactory, NominationFactory, add_seats

SHOTS = Path(os.environ.get("SHOTS_DIR", settings.BASE_DIR / "test-artifacts"))
ACTIVE = """() => {
  const e = document.activeElement;
  return {id: e.id, tag: e.tagName.toLowerCase(), name: e.getAttribute('name'), value: e.value,
          text: (e.innerText || '').trim(), summary: e.hasAttribute('data-error-summary')};
}"""


def focused(page) -> dict:
    return page.evaluate(ACTIVE)


def tab_to(page, predicate, limit: int = 120, key: str = "Tab") -> int:
    """Press Tab until the focused element satisfies `predicate`; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if predicate(focused(page)):
            return presses
    raise AssertionError(f"not reached with {limit} × {key}; focus on {focused(page)}")


def open_page(browse, user, path: str):
    page = browse(user)
    page.set_default_timeout(60000)  # a shared, loaded CI machine
    return page.visit(path)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=False)


def test_nomination_form_by_keyboard(browse):
    contact = contact_of(OrganisationFactory())
    call = CallFactory(personal_deputies=True)
    add_seats(call)
    page = open_page(browse, contact, f"/fi/calls/{call.pk}/nominate/")

    # The call's deputy rule is the form's real validation, so the deputy fields are marked required.
    for name in ("deputy_name", "deputy_email", "deputy_role"):
        assert "pakollinen" in page.locator(f"label[for=id_{name}]").inner_text()
    assert "pakollinen" in page.locator("#id_deputy_capacity_group legend").inner_text()
    # No pre-checked "---------" in a required radio group.
    assert page.locator("input[name=representative_capacity]:checked").count() == 0
    assert "---------" not in page.locator("#id_representative_capacity_group").inner_text()

    # The skip link, then a submit with nothing filled in.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Siirry sisältöön"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    assert "#main" not in page.url
    tab_to(page, lambda f: f["id"] == "id_representative_name")
    page.keyboard.type("Raili Edustaja")
    tab_to(page, lambda f: f["value"] == "submit" and f["tag"] == "button")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-error-summary]")
    page.wait_for_load_state("load")
    assert focused(page)["summary"], f"focus after a failed submit: {focused(page)}"
    assert "#main" not in page.url
    shot(page, "nomination-failed-submit.png")
    page.check_axe()
    assert page.locator("#id_representative_name").input_value() == "Raili Edustaja"

    # Every error link leads to the first control of its field or group.
    links = page.locator("[data-error-summary] a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "#" not in targets and all(page.locator(t).count() == 1 for t in targets), targets
    assert "#id_representative_capacity_0" in targets and "#id_deputy_capacity_0" in targets

    # Follow the radio group's link by keyboard: focus lands on its first radio; arrows choose.
    tab_to(page, lambda f: (f["text"] or "").startswith("Edustaja osallistuu"))
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_representative_capacity_0"
    page.keyboard.press("Space")

    def fill(field_id: str, text: str) -> None:
        tab_to(page, lambda f: f["id"] == field_id, key="Tab")
        page.keyboard.type(text)

    page.keyboard.press("Shift+Tab")  # back above the representative's fields
    tab_to(page, lambda f: f["id"] == "id_representative_email", key="Shift+Tab")
    page.keyboard.type("raili@example.fi")
    fill("id_representative_role", "puheenjohtaja")
    fill("id_deputy_name", "Veikko Varajäsen")
    fill("id_deputy_email", "veikko@example.fi")
    fill("id_deputy_role", "sihteeri")
    tab_to(page, lambda f: f["id"] == "id_deputy_capacity_0")
    page.keyboard.press("Space")
    fill("id_motivation", "Pitkä kokemus eläkeläisten asioista.")
    fill("id_expertise", "Vanhusneuvosto ja vertaistuki.")
    fill("id_languages", "suomi, ruotsi")
    tab_to(page, lambda f: f["id"] == "id_accepts_time_commitment")
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["id"] == "id_consents_to_processing")
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["value"] == "submit" and f["tag"] == "button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/fi/nominations/\d+/$"))
    nomination = Nomination.objects.get(call=call)
    assert nomination.status == Nomination.Status.SUBMITTED
    assert nomination.deputy_name == "Veikko Varajäsen"


def test_composition_board_by_keyboard(browse):
    staff = user_with_role(Role.STAFF)
    call = CallFactory()
    add_seats(call, low=1, high=3)
    first, second = NominationFactory.create_batch(2, call=call)
    page = open_page(browse, staff, f"/fi/calls/{call.pk}/board/")
    page.evaluate("window.sameDocument = true")

    tab_to(page, lambda f: f["id"] == f"proposal-{first.pk}")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"button[name=remove][value='{first.pk}']")
    page.wait_for_function("() => document.getElementById('live-region').textContent.length > 0")
    # Focus stays on the same nomination's toggle, now "Take out"; the new count is announced.
    now = focused(page)
    assert now["id"] == f"proposal-{first.pk}" and now["name"] == "remove", now
    announced = page.locator("#live-region").inner_text()
    assert f"{first.organisation} on lisätty esitykseen." in announced, announced
    assert "Esitetty 1 paikka" in announced
    assert page.evaluate("window.sameDocument === true")
    # The rule summary was redrawn out of band with the category.
    assert "Esitetty 1 paikka" in page.locator("#board-rules").inner_text()
    shot(page, "composition-board-after-toggle.png")
    page.check_axe()

    # Tab goes on to the next nomination's row (its organisation link, then its toggle), not to the footer.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == str(second.organisation), focused(page)
    page.keyboard.press("Tab")
    assert focused(page)["id"] == f"proposal-{second.pk}", focused(page)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"button[name=remove][value='{second.pk}']")
    page.wait_for_function("() => document.getElementById('live-region').textContent.includes('2')")
    assert focused(page)["id"] == f"proposal-{second.pk}"
    # The live region is filled just after the swap settles: wait for the announcement.
    expect(page.locator("#live-region")).to_contain_text("Esitetty 2 paikkaa")
    page.check_axe()


def test_composition_board_show_more_and_toggle_by_keyboard(browse):
    """A category longer than a page: "show more" by keyboard, then a click on a row it revealed."""
    staff = user_with_role(Role.STAFF)
    call = CallFactory()
    add_seats(call, low=1, high=3)
    NominationFactory.create_batch(PAGE + 3, call=call)
    nominations = list(call.nominations.select_related("organisation").order_by("organisation__name_fi"))
    page = open_page(browse, staff, f"/fi/calls/{call.pk}/board/")
    page.evaluate("window.sameDocument = true")
    assert page.locator(f"button#proposal-{nominations[PAGE].pk}").count() == 0

    tab_to(page, lambda f: f["tag"] == "a" and f["text"].startswith("Näytä 3 lisää"), limit=200)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"button#proposal-{nominations[PAGE].pk}")
    page.wait_for_function("() => document.getElementById('live-region').textContent.length > 0")
    # Focus moves to the first revealed row; the section says how many it now shows.
    assert focused(page)["text"] == str(nominations[PAGE].organisation), focused(page)
    expect(page.locator("#live-region")).to_contain_text("näytetään 13 / 13 ehdotusta")
    assert page.locator("a[id^=more-]").count() == 0
    page.check_axe()

    page.keyboard.press("Tab")
    assert focused(page)["id"] == f"proposal-{nominations[PAGE].pk}", focused(page)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"button[name=remove][value='{nominations[PAGE].pk}']")
    page.wait_for_function("() => document.getElementById('live-region').textContent.includes('esitykseen')")
    now = focused(page)
    assert now["id"] == f"proposal-{nominations[PAGE].pk}" and now["name"] == "remove", now
    announced = page.locator("#live-region").inner_text()
    assert f"{nominations[PAGE].organisation} on lisätty esitykseen." in announced, announced
    assert "Esitetty 1 paikka" in announced
    # The category stays opened as far as it was: all 13 rows are still there.
    assert page.locator("section.board-category tbody tr").count() == PAGE + 3
    assert page.evaluate("window.sameDocument === true")
    shot(page, "composition-board-show-more-toggle.png")
    page.check_axe()


def test_agenda_reorder_by_keyboard(browse):
    staff = user_with_role(Role.STAFF)
    meeting = make_meeting(items=2)
    page = open_page(browse, staff, f"/fi/council/staff/meetings/{meeting.pk}/agenda/")
    page.evaluate("window.sameDocument = true")
    items = list(meeting.items.order_by("position"))
    first, second, last = items[0], items[1], items[-1]

    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Siirry sisältöön"
    page.keyboard.press("Enter")  # the skip link
    assert focused(page)["id"] == "main"
    seen = []
    presses = tab_to(page, lambda f: seen.append(f["text"] or f["id"]) or f["id"] == f"move-down-{first.pk}")
    # The meeting navigation (agenda, attendance, minutes, history, PDF) and its actions come first.
    assert presses <= 11, f"{presses} Tabs from the start of the content to the first Down button: {seen}"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('live-region').textContent.includes('§ 2')")
    # The moved item keeps the focus on its own Down button; the move is announced.
    assert focused(page)["id"] == f"move-down-{first.pk}"
    announced = page.locator("#live-region").inner_text()
    assert f"§ 1 ”{first.title}” siirtyi kohtaan § 2." in announced, announced
    # A draft's numbers carry the "provisional number" badge (council/numbering.py).
    titles = [
        t.split("\n")[0].replace(" alustava numero", "")
        for t in page.locator(".council-agenda-item h3").all_inner_texts()
    ]
    assert titles[:2] == [f"§ 1 {second.title}", f"§ 2 {first.title}"], titles
    assert page.evaluate("window.sameDocument === true")
    page.check_axe()

    # Moved down to the last place, Down is disabled there: focus goes to the item's Up button.
    for place in range(3, len(items) + 1):
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"() => document.getElementById('live-region').textContent.includes('§ {place}.')"
        )
    assert focused(page)["id"] == f"move-up-{first.pk}", focused(page)
    first.refresh_from_db()
    last.refresh_from_db()
    assert first.number == len(items) and last.number == len(items) - 1
