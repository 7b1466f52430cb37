"""From sections to a snapshot, and from a snapshot to HTML and a tagged PDF (PDF/UA-1)."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from membership.kernel import pdf
from membership.kernel.periods import Period

from . import sections as section_registry

PDF_CSS = Path(__file__).resolve().parent / "pdf.css"
SNAPSHOT_VERSION = 1


def build_snapshot(
    *,
    audience_code: str,
    audience_name: str,
    detailed: bool,
    language: str,
    section_keys: list[str],
    period: Period,
) -> dict:
    """Collect every section's data for the period, in the report's language."""
    with translation.override(language):
        collected: list[dict] = []
        for key in section_keys:
            section = section_registry.get(key)
            if section is None:
                continue
            collected.append(
                {"key": key, "title": str(section.title), "data": section.collect(period, detailed)}
            )
        collected.sort(key=lambda item: section_registry.REGISTRY[item["key"]].order)
        title = _("Progress report for %(audience)s, %(period)s") % {
            "audience": audience_name,
            "period": period.label,
        }
        return {
            "version": SNAPSHOT_VERSION,
            "meta": {
                "title": title,
                "audience": audience_code,
                "audience_name": audience_name,
                "detailed": detailed,
                "language": language,
                "period": str(period),
                "period_label": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "generated_at": timezone.now().isoformat(),
            },
            "sections": collected,
            "has_data": any(item["data"].get("has_data") for item in collected),
        }


def template_context(snapshot: dict) -> dict:
    return {
        "meta": snapshot["meta"],
        "sections": [
            {**item, "template": f"reports/sections/{item['key']}.html", "id": f"section-{item['key']}"}
            for item in snapshot["sections"]
        ],
        "has_data": snapshot["has_data"],
    }


def render_document_html(snapshot: dict) -> str:
    """The standalone HTML that WeasyPrint turns into the PDF."""
    with translation.override(snapshot["meta"]["language"]):
        return render_to_string("reports/document.html", template_context(snapshot))


def render_pdf(snapshot: dict) -> bytes:
    return pdf.html_to_pdf(render_document_html(snapshot), stylesheet=PDF_CSS)
