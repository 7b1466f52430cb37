"""Agenda and minutes as PDF (WeasyPrint), in the body's language, from the same data as the pages."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from membership import pdf_tags

from .models import Meeting
from .selectors import meeting_items

# Documents are self-contained: no file, network or other fetch is allowed while rendering.
_FETCHER = URLFetcher(allowed_protocols=["data"])
CACHE_SECONDS = 24 * 3600
# WeasyPrint reports every layout step at INFO level; keep the console readable.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


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
    pdf = HTML(string=html, url_fetcher=_FETCHER, base_url="data:,").write_pdf(pdf_variant="pdf/ua-1")
    return pdf_tags.finish(pdf)


def _is_final(meeting: Meeting, kind: str) -> bool:
    if kind == "minutes":
        return meeting.minutes_state == Meeting.MinutesState.PUBLISHED
    return meeting.state == Meeting.State.PUBLISHED


def document_pdf(meeting: Meeting, kind: str, public: bool) -> bytes:
    """A published document no longer changes, so its PDF is rendered once and then served from
    the cache; the meeting's version is in the key because minutes still edit a published agenda."""
    if not _is_final(meeting, kind):
        return render_pdf(meeting, kind, public)
    key = f"council-pdf:{meeting.pk}:{meeting.version}:{kind}:{int(public)}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(meeting, kind, public)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
