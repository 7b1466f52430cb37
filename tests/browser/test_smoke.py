def test_front_page_in_finnish_passes_axe(browse):
    page = browse().visit("/fi/")
    assert (
        page.locator("h1").inner_text().startswith("NGO")
        or page.locator("html").get_attribute("lang") == "fi"
    )
