"""Agenda and minutes as PDF (WeasyPrint), in the body's language, from the same data as the pages."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .models import Meeting
from .selectors import meeting_items

# Documents are self-contained: no file, network or other fetch is allowed while rendering.
_FETCHER = URLFetcher(allowed_protocols=["data"])


def render_pdf(meeting: Meeting, kind: str, public: bool) -> bytes:
    """`kind` is "agenda" or "minutes"; a public PDF leaves out everything of non-public items."""
    items = meeting_items(meeting, public=public, with_comments=False)
    attendances = list(meeting.attendances.all()) if kind == "minutes" else []
    checkers = list(meeting.checkers.select_related("user")) if kind == "minutes" else []
    language = meeting.body.language
    with translation.override(language):
        html = render_to_string(
            f"council/pdf/{kind}.html",
            {
                "meeting": meeting,
                "items": items,
                "public": public,
                "attendances": attendances,
                "checkers": checkers,
                "language": language,
            },
        )
    return HTML(string=html, url_fetcher=_FETCHER, base_url="data:,").write_pdf(pdf_variant="pdf/ua-1")
