"""Staff record a reading and a status, see the progress view change, and download the XLSX."""

import io
import re

from django.apps import apps
from openpyxl import load_workbook

from actionplan.plan_data import import_plan
from membership.models import Role
from tests.factories import user_with_role


def test_staff_record_reading_and_status_then_progress_and_xlsx(browse):
    import_plan(apps.get_model)  # transactional tests flush the rows the data migration made
    staff = user_with_role(Role.STAFF)
    page = browse(staff)

    page.visit("/fi/plan/periods/")
    page.locator("#id_code").fill("2026-Q2")
    page.get_by_role("button", name="Avaa").click()
    page.wait_for_url(re.compile(r"/fi/plan/periods/2026-Q2/$"))
    page.check_axe()

    page.get_by_role("link", name="Kirjaa 01.1.b").click()
    page.check_axe()
    page.locator("#id_value").fill("7")
    page.get_by_role("button", name="Tallenna tulos").click()
    assert page.locator(".error-summary").is_visible()
    page.check_axe()
    page.locator("#id_value").fill("3,8")
    page.get_by_label("Näyttö", exact=True).fill("Sidosryhmäkysely 5/2026")
    page.get_by_role("button", name="Tallenna tulos").click()
    page.wait_for_url(re.compile(r"/fi/plan/periods/2026-Q2/$"))

    page.get_by_role("link", name="Aseta toimenpiteen 01.1 tila").click()
    page.check_axe()
    page.get_by_label("Vaarassa viivästyä").check()
    page.get_by_label("Lyhyt arvio").fill("Teemaverkostojen työ ei ole vielä alkanut.")
    page.get_by_label("Syy, miksi valitset eri tilan kuin ehdotettu").fill(
        "Verkostotapaamiset siirtyivät syksyyn"
    )
    page.get_by_role("button", name="Tallenna tila").click()
    page.wait_for_url(re.compile(r"/fi/plan/periods/2026-Q2/$"))

    page.visit("/fi/plan/?period=2026-Q2")
    measure = page.locator("article", has_text="01.1 Kehitetään verkostoyhteistyötä")
    assert "3,8 / 5" in measure.inner_text()
    assert "Vaarassa viivästyä" in measure.inner_text()
    assert measure.locator("svg[role=img]").count() == 1

    page.visit("/fi/plan/periods/2026-Q2/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lataa Targetoria varten (XLSX)").click()
    with open(download_info.value.path(), "rb") as handle:
        rows = list(load_workbook(io.BytesIO(handle.read())).active.iter_rows(values_only=True))
    row = next(r for r in rows if r[3] == "01.1.b")
    assert row[0] == "2026-Q2" and row[10] == 3.8 and row[15] == "at_risk"
