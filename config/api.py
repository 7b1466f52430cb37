"""The public open-data API under /api/v1/: each app contributes its router from `<app>/api.py`.

django-ninja generates the OpenAPI 3 document (/api/v1/openapi.json) from the type hints and
schemas of the operations. Caching, ETags, CORS and the rate limit are in `api_middleware.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from actionplan.api import router as actionplan_router
from council.api import router as council_router
from grants.api import router as grants_router
from membership.api import router as membership_router
from membership.public_api import portal_url
from membership.roles import PUBLIC

VERSION = "1"

api = NinjaAPI(
    title="VAKE NGO cooperation council: open data",
    version=f"{VERSION}.0",
    description=(
        "Read-only public data of the NGO cooperation council of the Vantaa and Kerava wellbeing "
        "services county: bodies, published meetings, agendas, minutes and decisions, council "
        "members, the action plan 2026–2030 with its published readings, and the national grant "
        "comparison. Only what the public may see. Version 1: fields may be added; nothing is "
        "removed or renamed without a new version (/api/v2/), and v1 is kept for at least a year."
    ),
    urls_namespace="api",
    docs_url=None,
)
for router in (council_router, membership_router, actionplan_router, grants_router):
    api.add_router("", router)


def _field(location: tuple) -> str:
    names = [str(part) for part in location if part not in ("query", "path", "filters")]
    return ".".join(names) or "-"


@api.exception_handler(ValidationError)
def bad_parameters(request, exc: ValidationError):
    """Ninja answers 422 by default; a bad parameter is a 400 with a readable message."""
    problems = "; ".join(f"{_field(tuple(e.get('loc', ())))}: {e.get('msg', '')}" for e in exc.errors)
    return api.create_response(
        request, {"detail": _("Invalid parameter. %(problems)s") % {"problems": problems}}, status=400
    )


def index(request):
    """/api/v1/ itself: where the description and the documentation are."""
    return JsonResponse(
        {
            "version": VERSION,
            "openapi": f"{settings.SITE_URL}/api/v{VERSION}/openapi.json",
            "documentation": portal_url("api_documentation"),
        }
    )


def urlpatterns():
    patterns, app_name, namespace = api.urls
    # Ninja's root only serves to find the prefix; ours answers with an index (same name).
    patterns = [path("", index, name="api-root") if p.name == "api-root" else p for p in patterns]
    # The whole API is public: the URL permission test reads this rule like any view's.
    for pattern in patterns:
        pattern.callback.access_rule = PUBLIC
    return patterns, app_name, namespace
