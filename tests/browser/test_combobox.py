"""The searchable choice (membership/combobox.py) by keyboard alone, with axe on every state."""

import re

from membership.models import Nomination, Organisation, SeatCategory
from tests.factories import OrganisationFactory, contact_of
from tests.membership.call_factories import CallFactory, add_seats

from .test_keyboard_journeys import focused, open_page, tab_to

COMBOBOX = "#id_deputy_organisation"


def _state(page) -> dict:
    return page.evaluate(
        """() => {
      const box = document.querySelector('#id_deputy_organisation');
      const active = document.getElementById(box.getAttribute('aria-activedescendant') || '');
      return {role: box.getAttribute('role'), expanded: box.getAttribute('aria-expanded'),
              controls: box.getAttribute('aria-controls'), value: box.value,
              chosen: document.querySelector('input[type=hidden][name=deputy_organisation]').value,
              active: active ? active.textContent.trim() : null,
              activeSelected: active ? active.getAttribute('aria-selected') : null,
              live: document.getElementById('live-region').textContent};
    }"""
    )


def _wait_for_live_region(page, text: str) -> None:
    """Poll from Python: the page's CSP forbids the eval that wait_for_function's predicates need."""
    for _attempt in range(100):
        if text in _state(page)["live"]:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the live region never said {text!r}: {_state(page)['live']!r}")


def test_deputy_organisation_by_keyboard(browse):
    pensioners = SeatCategory.objects.get(code="pensioners")
    own = OrganisationFactory(name_fi="Oma Eläkeläisyhdistys ry", seat_category=pensioners)
    for n in range(25):
        OrganisationFactory(name_fi=f"Kerava Seniorit {n:02d} ry", seat_category=pensioners)
    OrganisationFactory(name_fi="Tikkurilan Seniorikuoro ry", seat_category=pensioners)
    call = CallFactory(personal_deputies=True)
    add_seats(call)
    page = open_page(browse, contact_of(own), f"/fi/calls/{call.pk}/nominate/")
    # No page lists every organisation: only the Search step's select is left out with JavaScript.
    assert page.locator("select[name=deputy_organisation]").count() == 0
    assert page.locator("button[name=combobox_search]").count() == 0

    tab_to(page, lambda f: f["id"] == "id_deputy_organisation")
    state = _state(page)
    assert state["role"] == "combobox" and state["expanded"] == "false"
    assert state["controls"] == "id_deputy_organisation_listbox"

    # One letter is too few: the list stays closed.
    page.keyboard.type("k")
    page.wait_for_timeout(600)
    assert _state(page)["expanded"] == "false"
    # Typing more asks the server; the options appear and the count is read out.
    page.keyboard.type("erava seniorit 1")
    page.wait_for_selector("#id_deputy_organisation_listbox [role=option]")
    _wait_for_live_region(page, "osuma")
    state = _state(page)
    assert state["expanded"] == "true"
    assert page.locator("#id_deputy_organisation_listbox [role=option]").count() == 10
    assert "10" in state["live"]
    page.check_axe()
    names = page.locator("#id_deputy_organisation_listbox [role=option]").all_inner_texts()

    # Arrows move the active option (focus stays in the box), wrapping at the ends.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    state = _state(page)
    assert state["active"] == names[1] and state["activeSelected"] == "true"
    assert focused(page)["id"] == "id_deputy_organisation"
    page.keyboard.press("ArrowUp")
    assert _state(page)["active"] == names[0]
    page.keyboard.press("ArrowUp")
    assert _state(page)["active"] == names[-1]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.check_axe()

    # Escape closes the list; the arrow key opens it again; Enter chooses without sending the form.
    page.keyboard.press("Escape")
    assert _state(page)["expanded"] == "false"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert _state(page)["active"] == names[1]
    page.keyboard.press("Enter")
    state = _state(page)
    chosen = Organisation.objects.get(name_fi=names[1])
    assert state["expanded"] == "false" and state["value"] == names[1]
    assert state["chosen"] == str(chosen.pk)
    assert "/nominate/" in page.url
    page.check_axe()

    # A search with no match says so.
    page.keyboard.press("Escape")  # the list is closed: Escape clears the box and the choice
    assert _state(page)["value"] == "" and _state(page)["chosen"] == ""
    page.keyboard.type("ei tällaista")
    _wait_for_live_region(page, "ei tällaista")
    assert page.locator("#id_deputy_organisation_listbox [role=option]").count() == 0
    page.check_axe()
    page.keyboard.press("Control+A")
    page.keyboard.type("tikkuri")
    page.wait_for_selector("#id_deputy_organisation_listbox [role=option]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert _state(page)["value"] == "Tikkurilan Seniorikuoro ry"

    # The rest of the form, then send it: the chosen organisation is saved.
    for name, text in (
        ("representative_name", "Raili Edustaja"),
        ("representative_email", "raili@example.fi"),
        ("representative_role", "puheenjohtaja"),
        ("deputy_name", "Veikko Varajäsen"),
        ("deputy_email", "veikko@example.fi"),
        ("deputy_role", "sihteeri"),
        ("motivation", "Tuntee kentän."),
    ):
        page.fill(f"[name={name}]", text)
    page.check("[name=representative_capacity][value=volunteer]")
    page.check("[name=deputy_capacity][value=professional]")
    page.check("[name=accepts_time_commitment]")
    page.check("[name=consents_to_processing]")
    page.click("button[name=action][value=submit]")
    # Two answers missing: the page comes back with the error summary and the choice kept.
    page.wait_for_selector("[data-error-summary]")
    page.wait_for_load_state("load")  # the deferred combobox.js has set the widget up again
    state = _state(page)
    kuoro = Organisation.objects.get(name_fi="Tikkurilan Seniorikuoro ry")
    assert state["value"] == kuoro.name_fi and state["chosen"] == str(kuoro.pk)
    assert state["role"] == "combobox"
    page.check_axe()
    page.fill("[name=expertise]", "Vertaistuki")
    page.fill("[name=languages]", "suomi")
    page.click("button[name=action][value=submit]")
    page.wait_for_url(re.compile(r"/fi/nominations/\d+/$"))
    assert Nomination.objects.get(call=call).deputy_organisation.name_fi == "Tikkurilan Seniorikuoro ry"


def _offered_names(page, typed: str) -> list[str]:
    page.fill(COMBOBOX, typed)
    page.wait_for_selector("#id_deputy_organisation_listbox [role=option]")
    return [
        name.strip()
        for name in page.locator("#id_deputy_organisation_listbox [role=option]").all_inner_texts()
    ]


def test_the_deputy_search_offers_the_chosen_categorys_organisations(browse):
    pensioners = SeatCategory.objects.get(code="pensioners")
    older = SeatCategory.objects.get(code="older-people")
    own = OrganisationFactory(name_fi="Oma Eläkeläisyhdistys ry", seat_category=pensioners)
    OrganisationFactory(name_fi="Seniorit Eläkeläiset ry", seat_category=pensioners)
    OrganisationFactory(name_fi="Seniorit Vanhustyö ry", seat_category=older)
    call = CallFactory(personal_deputies=True)
    add_seats(call, ["pensioners", "older-people"])
    page = open_page(browse, contact_of(own), f"/fi/calls/{call.pk}/nominate/")
    assert _offered_names(page, "seniorit") == ["Seniorit Eläkeläiset ry"]
    page.select_option("[name=seat_category]", str(older.pk))
    # The matches of the other category are gone at once; a new search asks for this category's.
    assert page.locator("#id_deputy_organisation_listbox [role=option]").count() == 0
    assert _offered_names(page, "seniorit") == ["Seniorit Vanhustyö ry"]
    page.check_axe()
