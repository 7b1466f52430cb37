"""Staff set up a report definition (with a mistake first) and read a finished report in the browser."""

import pytest

from membership.kernel.periods import Period
from membership.models import Role
from reports import services, tasks
from reports.models import ReportDefinition
from tests.factories import user_with_role
from tests.reports.factories import ReportDefinitionFactory


@pytest.fixture
def finished_run(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(tasks.deliver_run, "delay", lambda *args: None)
    definition = ReportDefinitionFactory(language="fi")
    run, _created = services.ensure_run(definition, Period.parse("2026-H1"))
    services.execute_run(run.pk)
    return run


def test_staff_define_a_report_and_read_a_run_as_a_page(browse, finished_run):
    page = browse(user_with_role(Role.STAFF)).visit("/fi/reports/definitions/new/")
    page.fill("#id_name", "Lautakunnan raportti")
    page.select_option("#id_audience", label="Lähidemokratia- ja osallisuuslautakunta")
    page.check("input[name=sections][value=summary]")
    page.fill("#id_send_time", "03:15")
    page.click("main button[type=submit]")
    page.locator(".error-summary").wait_for()
    page.check_axe()
    assert page.input_value("#id_name") == "Lautakunnan raportti"  # nothing typed is lost

    page.fill("#id_send_time", "07:15")
    page.click("main button[type=submit]")
    page.wait_for_url("**/reports/definitions/*/")
    page.check_axe()
    assert ReportDefinition.objects.filter(name="Lautakunnan raportti", periodic_task__isnull=False).exists()

    page.visit(f"/fi/reports/runs/{finished_run.pk}/")
    page.click("text=Lue raportti selaimessa")
    page.wait_for_url("**/preview/")
    page.check_axe()
    assert page.locator("article[lang=fi] h1").inner_text().startswith("Edistymisraportti")
