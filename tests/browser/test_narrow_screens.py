"""At 320 px: the main menu folds behind a button, and the composition board's rows become cards."""

from playwright.sync_api import expect

from membership.models import Role
from tests.factories import user_with_role
from tests.membership.call_factories import CallFactory, NominationFactory, add_seats

from .conftest import _sign_in_by_session
from .test_keyboard_journeys import focused, tab_to

NARROW = {"width": 320, "height": 640}
FOCUS_STYLE = "() => getComputedStyle(document.activeElement).outlineStyle"


def narrow_page(browse, user, path: str):
    page = browse(user)
    page.set_viewport_size(NARROW)
    return page.visit(path)


def test_the_main_menu_folds_behind_a_button_on_a_narrow_screen(browse):
    page = narrow_page(browse, user_with_role(Role.STAFF), "/fi/my/")
    button = page.get_by_role("button", name="Valikko")
    links = page.locator("#main-nav-links")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "main-nav-links")
    expect(links).to_be_hidden()
    # The page's own content starts within the first screenful.
    assert page.locator("main h1").bounding_box()["y"] < NARROW["height"] / 2

    tab_to(page, lambda f: f["text"] == "Valikko")
    assert page.evaluate(FOCUS_STYLE) != "none"
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(links).to_be_visible()
    expect(links.get_by_role("link", name="Oma sivu")).to_have_attribute("aria-current", "page")
    page.check_axe()
    # The opened list comes next in the tab order; Escape closes it and returns to the button.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Etusivu", focused(page)
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(links).to_be_hidden()
    assert focused(page)["text"] == "Valikko"
    page.keyboard.press("Space")
    expect(links).to_be_visible()
    page.keyboard.press("Enter")
    expect(links).to_be_hidden()

    # On a wide screen there is no button and the whole list shows.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(button).to_be_hidden()
    expect(links).to_be_visible()
    page.check_axe()


def test_without_script_the_whole_menu_shows(browser, live_server, reference_data):
    context = browser.new_context(java_script_enabled=False, viewport=NARROW, locale="fi")
    try:
        _sign_in_by_session(context, live_server.url, user_with_role(Role.STAFF))
        page = context.new_page()
        page.goto(f"{live_server.url}/fi/")
        expect(page.locator(".menu-toggle")).to_be_hidden()
        expect(page.locator("#main-nav-links").get_by_role("link", name="Järjestöt")).to_be_visible()
    finally:
        context.close()


def test_the_board_s_add_button_is_on_a_narrow_screen(browse):
    call = CallFactory()
    add_seats(call, low=1, high=3)
    first, second = NominationFactory.create_batch(2, call=call)
    page = narrow_page(browse, user_with_role(Role.STAFF), f"/fi/calls/{call.pk}/board/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    for nomination in (first, second):
        button = page.locator(f"#proposal-{nomination.pk}")
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"], box
        # The row's cells are labelled on the card by their column's name.
        row = button.locator("xpath=ancestor::tr")
        expect(row).to_contain_text(nomination.representative_name)
        assert "Edustaja" in row.locator("td[data-label]").first.evaluate(
            "e => getComputedStyle(e, '::before').content"
        )
    # No table scrolls sideways, so none is made a scroll region.
    assert page.locator(".table-scroll[role=region]").count() == 0

    tab_to(page, lambda f: f["id"] == f"proposal-{first.pk}", limit=200)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"button[name=remove][value='{first.pk}']")
    assert focused(page)["id"] == f"proposal-{first.pk}"
    box = page.locator(f"#proposal-{first.pk}").bounding_box()
    assert box["x"] + box["width"] <= NARROW["width"], box
    page.check_axe()
