"""The open data API: p50/p95 of the main endpoints, uncached and cached, against the anonymous floor.

The floor is the anonymous front page, the cheapest page every visitor gets through the whole
middleware stack. A cached API answer should stay within 3x of it.
Run after `DJANGO_DEBUG=1 python manage.py seed_demo --scale large` against the same database.
"""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client

from benchmarks._timing import measure, report

API = "/api/v1"


def _uncached(client: Client, url: str):
    def call():
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return call


def run() -> None:
    from django.conf import settings

    from council.models import AgendaItem, Meeting

    # Thousands of requests from one address: the rate limit would answer 429.
    settings.PUBLIC_API_RATE_LIMIT = 10**9
    client = Client(HTTP_HOST="localhost")
    published = Meeting.objects.filter(state="published")
    print(f"data: {published.count()} published meetings, {AgendaItem.objects.count()} agenda items")
    biggest = max(published, key=lambda m: m.items.count(), default=None)
    year = biggest.year if biggest else 2026
    last_page = client.get(f"{API}/items", {"limit": 200}).json()
    deep = last_page["next"] or f"{API}/items?limit=200"
    urls = {
        "meetings, first page (50)": f"{API}/meetings",
        "items, first page (200)": f"{API}/items?limit=200",
        "items, second page by cursor (200)": deep.removeprefix(settings.SITE_URL),
        f"items of {year} about a measure": f"{API}/items?year={year}&measure=01.1",
        "members (50)": f"{API}/members",
        "plan measures with indicators": f"{API}/plan/measures",
        "plan readings (200)": f"{API}/plan/readings?limit=200",
        f"decisions of {year}, CSV": f"{API}/decisions/{year}.csv",
        f"decisions of {year}, XLSX": f"{API}/decisions/{year}.xlsx",
    }
    if biggest is not None:
        urls[f"meeting with its {biggest.items.count()} items"] = f"{API}/meetings/{biggest.pk}"
    floor = measure(lambda: client.get("/fi/"))
    report("floor: anonymous front page", floor)
    for label, url in urls.items():
        report(f"uncached {label}", measure(_uncached(client, url), repeat=20))
    cache.clear()
    cached = measure(lambda: client.get(f"{API}/meetings"))
    report("cached meetings list", cached)
    print(f"  cached list / floor: {cached['median_ms'] / floor['median_ms']:.2f}x (should be within 3x)")
    etag = client.get(f"{API}/meetings")["ETag"]
    not_modified = measure(lambda: client.get(f"{API}/meetings", headers={"If-None-Match": etag}))
    report("304 with If-None-Match", not_modified)
