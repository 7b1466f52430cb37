"""Agenda and minutes PDFs, checked by their text."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from council import minutes, services
from council.models import Body
from council.pdf import render_pdf
from tests.council.factories import BodyFactory, make_meeting, seat

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def decided_meeting():
    seat()
    meeting = make_meeting(items=5)
    secret = meeting.items.get(title="Asia 5")
    secret.background = "Salassa pidettävä tausta"
    secret.save()
    services.send_agenda(meeting)
    decisions = {
        item.pk: {
            "resolution": "as_proposed",
            "decision": f"Päätös numero {item.number}",
            "is_public": item.is_public,
            "public_title": "Henkilöasia" if not item.is_public else "",
        }
        for item in meeting.items.all()
    }
    present = set(meeting.attendances.values_list("pk", flat=True))
    minutes.save_minutes(meeting, meeting.version, {"chair_name": "Pirjo Puheenjohtaja"}, decisions, present)
    meeting.refresh_from_db()
    return meeting


def test_agenda_pdf_has_header_numbers_titles_and_pages(decided_meeting):
    text = text_of(render_pdf(decided_meeting, "agenda", public=False))
    assert "Vantaan ja Keravan hyvinvointialue" in text
    assert "Esityslista" in text
    for item in decided_meeting.items.all():
        assert f"§ {item.number}" in text and item.title in text
    assert "Salassa pidettävä tausta" in text
    assert "Sivu 1 / " in text


def test_public_minutes_pdf_leaves_out_non_public_content(decided_meeting):
    secret = decided_meeting.items.get(title="Asia 5")
    text = text_of(render_pdf(decided_meeting, "minutes", public=True))
    assert "Pöytäkirja" in text and "Pirjo Puheenjohtaja" in text
    assert "Päätös numero 1" in text and "hyväksyttiin ehdotuksen mukaisesti" in text
    assert f"§ {secret.number} Henkilöasia" in text
    assert "Asia 5" not in text
    assert "Salassa pidettävä tausta" not in text
    assert f"Päätös numero {secret.number}" not in text
    assert "Asia käsiteltiin ei-julkisena" in text


def test_pdf_is_in_the_bodys_language(decided_meeting):
    Body.objects.filter(pk=decided_meeting.body_id).update(language="sv")
    decided_meeting.body.refresh_from_db()
    text = text_of(render_pdf(decided_meeting, "minutes", public=False))
    assert "Protokoll" in text and "Vanda och Kervo välfärdsområde" in text
    assert "godkändes enligt förslaget" in text


def test_pdf_is_tagged_and_lists_attachments_by_pdftotext(tmp_path):
    from council.models import Attachment

    meeting = make_meeting(BodyFactory(), items=1)
    item = meeting.items.get(title="Asia 1")
    Attachment.objects.create(item=item, name="Talousarvio 2027.pdf", content_type="application/pdf", size=10)
    pdf = render_pdf(meeting, "agenda", public=False)
    assert "/StructTreeRoot" in PdfReader(io.BytesIO(pdf)).trailer["/Root"], "PDF/UA: a tagged PDF"
    assert shutil.which("pdftotext"), "poppler-utils is a system dependency of the tests"
    path = tmp_path / "agenda.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Talousarvio 2027.pdf" in text and "Liitteet" in text


def test_published_minutes_pdf_is_rendered_once(decided_meeting, client, monkeypatch):
    from council import pdf as pdf_module
    from council.models import Meeting

    calls = []
    real = pdf_module.render_pdf
    monkeypatch.setattr(pdf_module, "render_pdf", lambda *args: calls.append(args) or real(*args))
    Meeting.objects.filter(pk=decided_meeting.pk).update(minutes_state=Meeting.MinutesState.PUBLISHED)
    url = f"/fi/council/meetings/{decided_meeting.pk}/minutes.pdf"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and len(calls) == 1
    assert "Asia 5" not in text_of(second.content)
