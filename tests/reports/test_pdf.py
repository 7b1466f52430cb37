"""The PDFs by their text, and that they are tagged PDF/UA with a title and a language."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from membership.kernel.periods import Period
from reports import rendering

from .plan_data import record_readings

pytestmark = pytest.mark.django_db


def _snapshot(audience="board", period="2026-H1", language="fi", sections=("composition",), detailed=False):
    return rendering.build_snapshot(
        audience_code=audience,
        audience_name="Lähidemokratia- ja osallisuuslautakunta",
        detailed=detailed,
        language=language,
        section_keys=list(sections),
        period=Period.parse(period),
    )


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_is_tagged_pdf_ua_with_title_and_language():
    pdf = rendering.render_pdf(_snapshot(language="sv"))
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "sv"
    assert root["/MarkInfo"]["/Marked"]
    assert "Framstegsrapport" in reader.metadata.title or "2026" in reader.metadata.title
    # The PDF/UA identification lives in the XMP metadata.
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_a_period_with_no_data_says_so():
    text = _text(rendering.render_pdf(_snapshot(period="2031-Q2")))
    assert "2031" in text
    assert "Ei tietoja" in text or "No data" in text


def test_render_report_command_writes_the_pdf(tmp_path):
    target = tmp_path / "board.pdf"
    call_command("render_report", "board", "--period", "2026-H1", "--output", str(target))
    text = _text(target.read_bytes())
    assert "2026" in text and "1 / 2" in text  # period on the cover, page numbers in the footer


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "--period", "2026-H1"], "Unknown audience"),
        (["board", "--period", "2026-H3"], "Unknown period"),
        (["board", "--period", "last year"], "Unknown period"),
    ],
)
def test_render_report_command_refuses_bad_input(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("render_report", *args, "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_board_and_hyte_reports_show_goals_and_readings(tmp_path, staff_user):
    from actionplan import services as plan_services

    record_readings(staff_user)
    goal = plan_services.goals_of().first()
    board, hyte = tmp_path / "board.pdf", tmp_path / "hyte.pdf"
    call_command("render_report", "board", "--period", "2026-H1", "--output", str(board))
    call_command("render_report", "hyte", "--period", "2026-H1", "--output", str(hyte))
    board_text, hyte_text = _text(board.read_bytes()), _text(hyte.read_bytes())
    for text in (board_text, hyte_text):
        assert goal.title_fi.split()[0] in text
        assert "2026-Q2" in text  # the readings' period
        assert "3,4 / 5" in text or "3.4 / 5" in text  # a survey grade's latest reading
    # The HYTE version carries the trend charts with their readings; the board's is concise.
    assert len(PdfReader(io.BytesIO(hyte.read_bytes())).pages) > len(
        PdfReader(io.BytesIO(board.read_bytes())).pages
    )
    assert "2026-Q1 3.1" in hyte_text.replace(",", ".") and "2026-Q1 3.1" not in board_text.replace(",", ".")


def test_snapshot_queries_do_not_grow_with_readings(staff_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _snapshot(
                audience="hyte", period="2026", sections=("summary", "goals", "composition"), detailed=True
            )
        return len(captured)

    record_readings(staff_user, periods=("2026-Q1",), limit=3)
    few = count_queries()
    record_readings(staff_user, periods=("2026-Q2", "2026-Q3", "2026-Q4"))
    assert count_queries() == few


def test_grants_section_says_when_there_are_no_grants_and_totals_when_there_are():
    from reports.sections import grants

    empty = grants.collect(Period.parse("2031-H1"), detailed=False)
    assert empty["has_data"] is False and "2031" in empty["note"]


def test_grants_section_gives_totals_with_the_change_from_last_year():
    from decimal import Decimal

    from reports.sections import grants
    from tests.grants.factories import GrantFactory

    GrantFactory(year=2025, amount_granted=Decimal("10000"))
    GrantFactory(year=2026, amount_granted=Decimal("12000"))
    data = grants.collect(Period.parse("2026-H1"), detailed=False)
    assert data["has_data"] and data["total"]["current"] == "12\u00a0000"
    assert data["total"]["change"] == "+20,0\u00a0%"  # the Finnish decimal comma
    from django.utils import translation

    with translation.override("en"):
        assert grants.collect(Period.parse("2026-H1"), detailed=False)["total"]["change"] == "+20.0\u00a0%"
    html = rendering.render_document_html(_snapshot(period="2026-H1", sections=("grants",)))
    assert "12\u00a0000" in html and "Eläkeläisjärjestöt" in html


def test_plan_texts_shown_in_finnish_in_a_swedish_report_are_marked_finnish(staff_user):
    from actionplan import services as plan_services
    from actionplan.models import Measure

    record_readings(staff_user)
    goal = plan_services.goals_of().first()
    measure = Measure.objects.filter(goal=goal, indicators__isnull=False).first()
    Measure.objects.filter(pk=measure.pk).update(title_sv="")
    measure.indicators.update(name_sv="Indikator på svenska")
    html = rendering.render_document_html(
        _snapshot(language="sv", sections=("summary", "goals"), detailed=True)
    )
    assert f'{measure.code} <span lang="fi">{measure.title_fi}' in html.replace("&quot;", '"')
    assert '<span lang="fi">Indikator på svenska' not in html
    assert "<span>Indikator på svenska</span>" in html


def test_a_report_reads_only_published_periods(staff_user):
    from actionplan import services as plan_services

    record_readings(staff_user, periods=("2026-Q1",))
    record_readings(staff_user, periods=("2026-Q2",), publish=False)
    snapshot = _snapshot(sections=("goals",))
    goals = next(s for s in snapshot["sections"] if s["key"] == "goals")["data"]
    assert goals["as_of"] == "2026-Q1"
    plan_services.publish_period(plan_services.get_period(plan_services.current_plan(), "2026-Q2"))
    goals = next(s for s in _snapshot(sections=("goals",))["sections"] if s["key"] == "goals")["data"]
    assert goals["as_of"] == "2026-Q2"
