"""Data versions: when each topic of stored data last changed, shared by every process.

A cached answer or fragment puts the versions of the topics it shows into its key, so a change
retires every copy at once and nothing needs to be found and deleted. A topic's version moves
when one of the models it follows is saved or deleted by any path (the admin and the worker
included), and when a service that changes rows in bulk (``update()``, ``bulk_create()``, which
send no signals) calls ``changed``.

Versions live in the cache (Redis, shared by every process). With the local-memory cache of the
embedded setup each process has its own cache, so the versions are file times under VAR_DIR,
which the web server and the Celery worker on that machine share. When no version can be read
(Redis down), ``current`` answers None and callers compute afresh.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import Model
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

T = TypeVar("T")
# A safety net for a change that reached the database by a path no signal or service sees (SQL).
KEPT_SECONDS = 600
# A new deployment may change templates and code: its copies are new entries, the old ones expire.
RELEASE = os.environ.get("PORTAL_RELEASE") or str(time.time_ns())
# Stands for the CSRF token in a kept copy of markup: each request fills in its own.
CSRF_MARK = "PUBLICCACHECSRFTOKENMARK"

_followed: dict[type[Model], set[str]] = {}


def _cache():
    return caches["default"]


def _version_file(topic: str):
    # The folder's name predates the other topics: the public pages' versions were the first.
    folder = settings.VAR_DIR / "public-cache"
    folder.mkdir(exist_ok=True)
    return folder / topic


def _file_versions(topics: Iterable[str]) -> dict[str, int]:
    versions = {}
    for topic in topics:
        path = _version_file(topic)
        if not path.exists():
            path.touch()
        versions[topic] = path.stat().st_mtime_ns
    return versions


def _cache_versions(topics: Iterable[str]) -> dict[str, int] | None:
    keys = {f"public-cache:version:{topic}": topic for topic in topics}
    found = _cache().get_many(list(keys))
    for key in keys.keys() - found.keys():
        _cache().add(key, time.time_ns(), None)
    if len(found) < len(keys):
        found = _cache().get_many(list(keys))
    if len(found) < len(keys):  # the cache answers nothing: Redis is down
        return None
    return {topic: int(found[key]) for key, topic in keys.items()}


def current(topics: Iterable[str]) -> dict[str, int] | None:
    """When each topic last changed (ns since the epoch), or None when no version can be read."""
    try:
        if isinstance(_cache(), LocMemCache):
            return _file_versions(topics)
        return _cache_versions(topics)
    except Exception:  # no versions, no caching; the page is still served
        logger.warning("data versions unreadable", exc_info=True)
        return None


def _bump(topics: tuple[str, ...]) -> None:
    try:
        now = time.time_ns()
        if isinstance(_cache(), LocMemCache):
            for topic in topics:
                path = _version_file(topic)
                path.touch()
                stamp = max(now, path.stat().st_mtime_ns + 1)
                os.utime(path, ns=(stamp, stamp))
        else:
            _cache().set_many({f"public-cache:version:{topic}": now for topic in topics}, None)
    except Exception:
        logger.warning("could not move the data versions of %s", topics, exc_info=True)


def changed(*topics: str) -> None:
    """Move these topics' versions: at once, so that the rest of this transaction reads fresh
    copies, and again when it commits, so that a copy another request made from the data before
    the commit is retired too. (A rollback only costs a cache miss.)"""
    if topics:
        _bump(topics)
        transaction.on_commit(functools.partial(_bump, topics))


def follow(topic: str, *models: type[Model]) -> None:
    """Move the topic's version whenever one of these models is saved or deleted, or one of their
    many-to-many relations changes. Called from AppConfig.ready(), so every process follows."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def saved(sender, raw: bool = False, **kwargs) -> None:
        if not raw:  # loaddata: the fixtures' rows are not a change of what a copy showed
            changed(topic)

    def related(sender, action: str, **kwargs) -> None:
        if action.startswith("post_"):
            changed(topic)

    for model in models:
        _followed.setdefault(model, set()).add(topic)
        uid = f"data-version:{topic}:{model._meta.label}"
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(saved, sender=model, weak=False, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(related, sender=field.remote_field.through, weak=False, dispatch_uid=uid)


def topics_of(model: type[Model]) -> frozenset[str]:
    """The topics whose versions move when `model` changes (empty if nothing follows it)."""
    return frozenset(_followed.get(model, ()))


def remembered(name: str, parts: Iterable[object], topics: Iterable[str], compute: Callable[[], T]) -> T:
    """`compute()`, kept in the cache until one of `topics` changes (or KEPT_SECONDS pass).

    `parts` must name everything else the answer depends on (language, query, scope, today).
    When the versions or the cache cannot be read, the answer is computed each time.
    """
    topics = sorted(topics)
    known = current(topics)
    if known is None:
        return compute()
    stamp = ".".join(str(known[topic]) for topic in topics)
    digest = hashlib.sha256(repr(list(parts)).encode()).hexdigest()
    key = f"remembered:{RELEASE}:{name}:{stamp}:{digest}"
    try:
        found = _cache().get(key)
    except Exception:
        logger.warning("cache unreachable", exc_info=True)
        return compute()
    if found is not None:
        return found
    answer = compute()
    try:
        _cache().set(key, answer, KEPT_SECONDS)
    except Exception:
        logger.warning("cache unreachable", exc_info=True)
    return answer


def remembered_markup(
    request, name: str, parts: Iterable[object], topics: Iterable[str], render: Callable[[str], str]
) -> SafeString:
    """Markup from `render(csrf_token)`, kept as `remembered` keeps an answer.

    The copy is the same for every user who may see it, so it is rendered with CSRF_MARK as the
    token (`render` puts it in its template context) and each request's own token is filled in.
    """
    markup = remembered(name, parts, topics, lambda: render(CSRF_MARK))
    if CSRF_MARK in markup:
        markup = markup.replace(CSRF_MARK, get_token(request))
    return mark_safe(markup)  # noqa: S308  # rendered by our templates, the token is ours
