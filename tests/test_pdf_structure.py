"""The tagged PDFs walked with pikepdf: language, title, headings, table header scopes, artifacts
for running headers and page numbers, alt text for every figure (PDF/UA-1)."""

import io

import pikepdf
import pytest
from django.core.management import call_command

from council import minutes, services
from council.pdf import render_pdf
from tests.council.factories import make_meeting, seat
from tests.reports.plan_data import record_readings

pytestmark = pytest.mark.django_db


def _elements(node, found=None):
    found = [] if found is None else found
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            _elements(kid, found)
    return found


def _artifact_text_per_page(pdf) -> list[int]:
    """How many text-showing operators each page has inside /Artifact marked content."""
    counts = []
    for page in pdf.pages:
        depth, artifact_depths, shown = 0, [], 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                depth += 1
                if operands and operands[0] == pikepdf.Name.Artifact:
                    artifact_depths.append(depth)
            elif op == "EMC":
                if artifact_depths and artifact_depths[-1] == depth:
                    artifact_depths.pop()
                depth -= 1
            elif op in ("Tj", "TJ", "'", '"') and artifact_depths:
                shown += 1
        counts.append(shown)
    return counts


def _unreferenced_mcids(pdf, elements) -> int:
    referenced = set()
    for element in elements:
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                referenced.add((element.Pg.objgen, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                referenced.add((kid.get("/Pg", element.get("/Pg")).objgen, int(kid.MCID)))
    missing = 0
    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page):
            if (
                str(operator) == "BDC"
                and isinstance(operands[1], pikepdf.Dictionary)
                and "/MCID" in operands[1]
            ):
                missing += (page.obj.objgen, int(operands[1].MCID)) not in referenced
    return missing


def assert_pdf_ua_structure(data: bytes, language: str, tables: bool = True) -> dict:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert str(root.Lang) == language
        assert root.MarkInfo.Marked
        assert root.ViewerPreferences.DisplayDocTitle
        with pdf.open_metadata() as meta:
            assert meta.get("dc:title"), "a document title"
        elements = _elements(root.StructTreeRoot)
        kinds = [str(e.S) for e in elements]
        assert kinds.count("/H1") == 1, "one H1"
        assert "/H2" in kinds
        levels = [int(k[2]) for k in kinds if k in ("/H1", "/H2", "/H3", "/H4")]
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), f"skipped level {levels}"
        headers = [e for e in elements if e.S == "/TH"]
        if tables:
            assert headers, "tables have header cells"
        assert all(str(e.A.get("/Scope")) in ("/Column", "/Row") for e in headers), "every TH has a scope"
        figures = [e for e in elements if e.S == "/Figure"]
        assert all(str(e.get("/Alt", "")) for e in figures), "every figure has alt text"
        assert all(_artifact_text_per_page(pdf)), (
            "running headers and page numbers are artifacts on every page"
        )
        assert _unreferenced_mcids(pdf, elements) == 0, "no tagged content outside the structure tree"
        return {"th": len(headers), "figures": len(figures), "pages": len(pdf.pages)}


@pytest.fixture
def decided_meeting():
    seat()
    meeting = make_meeting(items=3)
    services.send_agenda(meeting)
    decisions = {
        item.pk: {
            "resolution": "as_proposed",
            "decision": f"Päätös {item.number}",
            "is_public": True,
            "public_title": "",
        }
        for item in meeting.items.all()
    }
    present = set(meeting.attendances.values_list("pk", flat=True))
    minutes.save_minutes(meeting, meeting.version, {"chair_name": "Pirjo Puheenjohtaja"}, decisions, present)
    meeting.refresh_from_db()
    return meeting


def test_agenda_pdf_structure(decided_meeting):
    assert_pdf_ua_structure(render_pdf(decided_meeting, "agenda", public=False), "fi", tables=False)


def test_minutes_pdf_structure(decided_meeting):
    assert_pdf_ua_structure(render_pdf(decided_meeting, "minutes", public=False), "fi")


def test_board_report_pdf_structure(tmp_path, staff_user):
    record_readings(staff_user)
    output = tmp_path / "board.pdf"
    call_command("render_report", "board", "--period", "2026-H1", "--output", str(output))
    found = assert_pdf_ua_structure(output.read_bytes(), "fi")
    assert found["th"] > 20
