"""Agenda and minutes as PDF (WeasyPrint), in the body's language, from the same data as the pages."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from membership.kernel import pdf as kernel_pdf

from .models import Meeting
from .selectors import meeting_items


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
    return kernel_pdf.html_to_pdf(html)


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
    # Looked up at call time, so that the module's render_pdf is the one called.
    return kernel_pdf.cached(key, lambda: render_pdf(meeting, kind, public))
