"""The human page documenting the open data API, in the portal's layout and three languages."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language, gettext

from membership.public_api import MAX_PAGE_SIZE
from membership.roles import PUBLIC, access

from .api import VERSION, api


def described(summary: str) -> tuple[str, str]:
    """An operation's summary (a gettext_noop string, English in openapi.json) in the page's language,
    and "en" as its language where it has no translation yet, for the lang attribute."""
    translated = gettext(summary) if summary else summary
    untranslated = translated == summary and not (get_language() or "").startswith("en")
    return translated, "en" if summary and untranslated else ""


def _operations() -> list[dict]:
    """Every operation of the OpenAPI document, so the page lists exactly what the API serves."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    rows = []
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            parameters = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            summary, lang = described(operation.get("summary", ""))
            rows.append({"path": path, "summary": summary, "lang": lang, "parameters": parameters})
    return rows


@access(PUBLIC)
def documentation(request):
    context = {
        "operations": _operations(),
        "version": VERSION,
        "base_url": f"{settings.SITE_URL}/api/v{VERSION}/",
        "max_page_size": MAX_PAGE_SIZE,
        "rate_limit": settings.PUBLIC_API_RATE_LIMIT,
        "rate_window": settings.PUBLIC_API_RATE_WINDOW,
    }
    return render(request, "api/documentation.html", context)
