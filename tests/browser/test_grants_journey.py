"""Staff import grants (one bad row, fixed), filter and export; an NGO contact uploads a use report."""

import pytest

from grants.models import Grant, UseReport
from grants.national import load_snapshot
from membership.models import Role
from tests.factories import OrganisationFactory, contact_of, user_with_role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _csv(rows):
    return ("business_id;year;activity;amount_granted;municipality\n" + "\n".join(rows) + "\n").encode()


def test_staff_import_filter_export_and_ngo_upload(browse):
    first, second = OrganisationFactory(name_fi="Vantaan Ystävät ry"), OrganisationFactory()
    rows = [
        f"{first.business_id};2025;Ystäväpalvelu;12 000;Vantaa",
        f"{second.business_id};2025;Kerho;-500;Kerava",
    ]
    staff = browse(user_with_role(Role.STAFF), language="en")
    page = staff.visit("/en/grants/import/")
    page.set_input_files(
        "#id_file", files=[{"name": "avustukset.csv", "mimeType": "text/csv", "buffer": _csv(rows)}]
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_selector(".error-summary")
    assert "Row 3" in page.locator(".error-summary").inner_text()
    assert "negative" in page.locator(".error-summary").inner_text()
    staff.check_axe()
    assert Grant.objects.count() == 0

    rows[1] = f"{second.business_id};2025;Kerho;500;Kerava"
    page.get_by_role("link", name="Upload another file").click()
    page.set_input_files(
        "#id_file", files=[{"name": "avustukset.csv", "mimeType": "text/csv", "buffer": _csv(rows)}]
    )
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Save 2 grants").click()
    page.wait_for_selector("text=2 grants were imported.")
    staff.check_axe()
    assert Grant.objects.count() == 2

    page.get_by_label("Municipality", exact=True).select_option(label="Kerava")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**municipality=*")
    assert page.locator("tbody tr").count() == 1
    assert "Kerho" in page.locator("tbody").inner_text()
    staff.check_axe()
    with page.expect_download() as download:
        page.get_by_role("link", name="Export as XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page = staff.visit("/en/grants/totals/?year=2025")
    assert page.locator("svg[role=img]").count() == 6
    load_snapshot()
    page = staff.visit("/en/grants/national/")
    assert "Vantaa-Kerava" in page.locator("tr.grants-own").inner_text()

    grant = Grant.objects.get(organisation=first)
    page = staff.visit(f"/en/grants/{grant.pk}/")
    assert "Ystäväpalvelu" in page.locator("h1").inner_text()
    page = staff.visit("/en/grants/new/")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".error-summary")
    staff.check_axe()
    ngo = browse(contact_of(first), language="en")
    page = ngo.visit(f"/en/grants/{grant.pk}/")
    page.get_by_role("link", name="Upload a use report").click()
    page.set_input_files(
        "#id_file", files=[{"name": "raportti.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_label("Note").fill("Käyttöselvitys 2025")
    page.get_by_role("button", name="Upload").click()
    page.wait_for_selector("text=The use report is received.")
    ngo.check_axe()
    assert UseReport.objects.get().grant == grant
