"""The open data API's documentation page: reached from every page's footer, axe-clean in fi and sv,
and its openapi.json link serves the live document."""

import json


def test_api_documentation_from_the_footer_in_finnish_and_swedish(browse):
    page = browse().visit("/fi/")
    page.locator("footer").get_by_role("link", name="Avoimen datan rajapinta").click()
    page.wait_for_url("**/fi/open-data/")
    page.check_axe()
    assert page.locator("h1").inner_text() == "Avoimen datan rajapinta"
    assert page.get_by_role("heading", name="Versiointi").is_visible()
    assert (
        page.locator("td:not([lang])", has_text="Neuvottelukunnan nykyiset ja aiemmat jäsenet").count() == 1
    )
    page.get_by_role("link", name="/api/v1/openapi.json").click()
    document = json.loads(page.locator("body").inner_text())
    assert "/api/v1/meetings" in document["paths"]

    page = browse(language="sv").visit("/sv/open-data/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == "API för öppna data"
    assert page.get_by_role("heading", name="Versionshantering").is_visible()
    # Reflow at 320 px: the table of addresses scrolls inside its own region, the page does not.
    page.set_viewport_size({"width": 320, "height": 800})
    widest = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
              .filter(e => !e.closest('.table-scroll'))
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
              .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert not widest
    page.check_axe()
