"""Rate limits by a key (an IP address, an account) in fixed windows, kept in the cache.

A limit is a guard, not a gate the portal depends on: when the cache fails, it lets the request
through (and logs), so a Redis outage never turns into an error page.
"""

from __future__ import annotations

import logging
import re

from django.core.cache import cache

logger = logging.getLogger(__name__)
# Obvious spam: many links, or forum link markup, in a short free-text message.
_LINK = re.compile(r"https?://|www\.|\[url[=\]]|<a\s", re.IGNORECASE)
MAX_LINKS = 3


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one use of `scope` by `key`; False once `limit` uses fall in the current window."""
    name = f"throttle:{scope}:{key}"
    try:
        if cache.add(name, 1, timeout=window):
            return True
        return cache.incr(name) <= limit
    except Exception:  # noqa: BLE001 - any cache failure degrades to "allowed"
        logger.warning("rate limit %s not checked: the cache failed", scope, exc_info=True)
        return True


def looks_like_spam(text: str) -> bool:
    return len(_LINK.findall(text or "")) > MAX_LINKS
