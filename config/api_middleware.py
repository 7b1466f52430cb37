"""What every answer under /api/ gets: GET only, a rate limit per IP (429 + Retry-After), whole
answers cached until publishing bumps the version, ETag / Last-Modified with 304, CORS open for
GET, and errors as JSON (never the portal's HTML error pages).

The cache may be unreachable: the API then answers uncached and without a rate limit, never 500.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _

from membership.public_api import CACHE_SECONDS, public_api_version

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
ALLOWED = "GET, OPTIONS"
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": ALLOWED,
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since, Accept, Accept-Language",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
    "Access-Control-Max-Age": "86400",
}


def _error(status: int, message: str, **headers) -> JsonResponse:
    response = JsonResponse({"detail": message}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _cache_call(method: str, *args):
    try:
        return getattr(caches["default"], method)(*args)
    except Exception:  # degrade: no cache, no limit
        logger.warning("public API: cache unreachable (%s)", method, exc_info=True)
        return None


def retry_after(request) -> int | None:
    """Seconds to wait when this IP has used up its requests of the current window, else None."""
    limit = settings.PUBLIC_API_RATE_LIMIT
    window = settings.PUBLIC_API_RATE_WINDOW
    now = time.time()
    slot = int(now // window)
    key = f"public-api:rate:{request.META.get('REMOTE_ADDR', '')}:{slot}"
    _cache_call("add", key, 0, window + 1)
    count = _cache_call("incr", key)
    if count is None or count <= limit:
        return None
    return max(1, int((slot + 1) * window - now))


def _key(request, version: int) -> str:
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return f"public-api:answer:{version}:{digest}"


def _not_modified(request, etag: str, last_modified: int | None) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and last_modified is not None and last_modified <= since


class PublicApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        with translation.override(translation.get_language_from_request(request)):
            response = self._answer(request)
        for name, value in CORS.items():
            response[name] = value
        return response

    def _answer(self, request):
        if request.method == "OPTIONS":
            return HttpResponse(status=204, headers={"Allow": ALLOWED})
        if request.method != "GET":
            return _error(405, _("The open data API is read-only: use GET."), Allow=ALLOWED)
        wait = retry_after(request)
        if wait is not None:
            return _error(
                429,
                _("Too many requests: wait %(seconds)s seconds and try again.") % {"seconds": wait},
                Retry_After=str(wait),
            )
        version = public_api_version()
        key = _key(request, version) if version else None
        stored = _cache_call("get", key) if key else None
        if stored is None:
            response = self.get_response(request)
            if response.status_code != 200:
                return self._as_json(response)
            stored = {
                "content": response.content,
                "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
            }
            if key:
                _cache_call("set", key, stored, CACHE_SECONDS)
        return self._conditional(request, stored, version)

    def _conditional(self, request, stored: dict, version: int) -> HttpResponse:
        etag = '"' + hashlib.md5(stored["content"], usedforsecurity=False).hexdigest() + '"'
        last_modified = version // 1000 if version else None
        if _not_modified(request, etag, last_modified):
            response = HttpResponse(status=304)
        else:
            response = HttpResponse(stored["content"], headers=stored["headers"])
        response["ETag"] = etag
        if last_modified:
            response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = f"public, max-age={settings.PUBLIC_API_MAX_AGE}"
        return response

    def _as_json(self, response):
        """Django's own 404/500 pages are HTML; an API client gets JSON with the same status."""
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        messages = {
            404: _("No such address in the open data API: see /api/v1/openapi.json."),
            405: _("The open data API is read-only: use GET."),
        }
        message = messages.get(response.status_code, _("The server could not answer. Try again later."))
        fresh = _error(response.status_code, message)
        if response.status_code == 405:
            fresh["Allow"] = ALLOWED
        return fresh
