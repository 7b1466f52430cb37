"""The anonymous public pages, cached whole per language until a service changes what they show.

A view opts in with ``@public_page("council")`` (under its ``@access`` line); a service that
publishes or changes public data calls ``invalidate_public_pages("council")``. Every topic has a
version (when it last changed); a cached page's key holds the versions of its topics, so bumping
a version retires every page of that topic at once, and the open data API's answers with it.

Only a visitor with no session (hence no messages, no sign-in) gets a cached page. What differs
per visitor is left out of the stored page as a mark and filled in on every answer:
- the CSRF token (every page has the language form and htmx's header): the page is rendered with
  a mark instead of the token, and each answer gets a fresh token of the visitor's own secret;
- a CSP nonce, if a template ever asks for one: the nonce is replaced by a mark when stored and
  each answer gets this request's nonce, which the CSP middleware then puts in the header.
The ETag is the page's digest with the visitor's CSRF secret, so a 304 only ever confirms a copy
whose token still matches the visitor's cookie.

The versions are kept by `versions` (shared by every process). With Redis down, pages are
rendered as if there were no cache.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db.models import Model
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.http import http_date, parse_http_date_safe

from . import versions

logger = logging.getLogger(__name__)

API_TOPIC = "api"
TOPICS = ("council", "members", "plan", "national", API_TOPIC)
# Pages expire even if a change reached the database by a path that neither a service nor `follow`
# sees (a bulk update in the shell, SQL).
CACHE_SECONDS = 3600
CSRF_MARK = versions.CSRF_MARK
RELEASE = versions.RELEASE
NONCE_MARK = "PUBLICCACHECSPNONCEMARK"
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
MAX_QUERY = 200
_RENDERING = "_public_cache_rendering"


# --- topic versions --------------------------------------------------------------------------


def _cache():
    return caches["default"]


def topic_versions(topics: Iterable[str]) -> dict[str, int] | None:
    """When each topic last changed (ns since the epoch), or None when no version can be read."""
    return versions.current(topics)


def _check(topics: Iterable[str]) -> None:
    unknown = set(topics) - set(TOPICS)
    if unknown:
        raise ValueError(f"unknown public page topics: {sorted(unknown)}")


def invalidate_public_pages(*topics: str) -> None:
    """Retire the cached pages of these topics (all with none given) and the open data API's
    answers (see versions.changed for when)."""
    _check(topics)
    versions.changed(*(tuple(dict.fromkeys((*topics, API_TOPIC))) if topics else TOPICS))


def follow(topic: str, *models: type[Model]) -> None:
    """Retire the topic's pages when one of these models is saved or deleted by any path, the admin
    included (where the plan's texts, the bodies and the seat categories are configured): only
    the services' bulk updates pass by the signals, and they invalidate themselves."""
    _check([topic])
    versions.follow(topic, *models)
    versions.follow(API_TOPIC, *models)


# --- the view decorator ----------------------------------------------------------------------


def csrf_mark(request) -> dict:
    """Context processor: while a page is rendered for the cache, its token is the mark."""
    return {"csrf_token": CSRF_MARK} if getattr(request, _RENDERING, False) else {}


def _cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.user.is_authenticated
        and "HX-Request" not in request.headers
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY
    )


def _key(request, versions: dict[str, int]) -> str:
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    stamp = ".".join(str(versions[topic]) for topic in sorted(versions))
    # The date is in the key: a page may show what is current today (e.g. the sitting council).
    language, today = translation.get_language(), timezone.localdate()
    return f"public-page:{RELEASE}:{language}:{today}:{stamp}:{digest}"


def _storable(request, response, token_before) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
        and not request.session.modified
        and len(messages.get_messages(request)) == 0
        # A token taken outside the template context would be stored: not this page, then.
        and request.META.get("CSRF_COOKIE_NEEDS_UPDATE") == token_before
    )


def _entry(request, response, versions: dict[str, int]) -> dict:
    content = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str):
        content = content.replace(nonce.encode(), NONCE_MARK.encode())
    return {
        "content": content,
        "digest": hashlib.md5(content, usedforsecurity=False).hexdigest(),
        "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
        "modified": max(versions.values()) // 1_000_000_000,
        "csrf": CSRF_MARK.encode() in content,
    }


def _fill(request, content: bytes) -> bytes:
    if CSRF_MARK.encode() in content:
        content = content.replace(CSRF_MARK.encode(), get_token(request).encode())
    if NONCE_MARK.encode() in content:
        content = content.replace(NONCE_MARK.encode(), str(request.csp_nonce).encode())
    return content


def _not_modified(request, etag: str, entry: dict) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    if entry["csrf"]:  # a date cannot tell whether the copy's token matches the cookie
        return False
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and entry["modified"] <= since


def _answer(request, entry: dict) -> HttpResponse:
    content = _fill(request, entry["content"])
    tag = entry["digest"]
    if entry["csrf"]:
        tag = hashlib.md5(f"{tag}:{request.META['CSRF_COOKIE']}".encode(), usedforsecurity=False).hexdigest()
    etag = f'"{tag}"'
    response = HttpResponse(status=304) if _not_modified(request, etag, entry) else HttpResponse(content)
    for name, value in entry["headers"].items():
        response[name] = value
    response["ETag"] = etag
    response["Last-Modified"] = http_date(entry["modified"])
    # The page holds the visitor's token: browsers keep it and ask again, shared caches never.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Cookie, HX-Request"
    return response


def _get(key: str) -> dict | None:
    try:
        return _cache().get(key)
    except Exception:
        logger.warning("public cache: unreachable", exc_info=True)
        return None


def _set(key: str, entry: dict) -> None:
    try:
        _cache().set(key, entry, CACHE_SECONDS)
    except Exception:
        logger.warning("public cache: unreachable", exc_info=True)


def public_page(*topics: str) -> Callable:
    """Cache a public view's anonymous answers until one of its topics is invalidated."""
    _check(topics)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            versions = topic_versions(topics or TOPICS)
            key = _key(request, versions) if versions else None
            entry = _get(key) if key else None
            if entry is not None:
                return _answer(request, entry)
            token_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            setattr(request, _RENDERING, True)
            try:
                response = view(request, *args, **kwargs)
            finally:
                setattr(request, _RENDERING, False)
            if not _storable(request, response, token_before):
                if not response.streaming:
                    response.content = _fill(request, response.content)
                return response
            entry = _entry(request, response, versions or {"": time.time_ns()})
            if key:
                _set(key, entry)
            return _answer(request, entry)

        return wrapped

    return decorator
