"""axe (WCAG 2.1 A/AA, 2.2 AA), reflow at 320 px and the Nu Html Checker on every page.

Every GET URL of tests/url_tables/ is opened as every role its table allows, in fi, sv and en,
with the ids its kwargs factory makes; allauth's pages come from ALLAUTH in crawler.py.
"""

import asyncio
import json
import os
import resource
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser import crawler
from tests.test_url_permissions import CASES

LANGUAGES = os.environ.get("CRAWL_LANGUAGES", "").split() or [code for code, _ in settings.LANGUAGES]
# For a quick local look at some pages: CRAWL_ONLY="council: membership:call" (URL name prefixes).
ONLY = tuple(os.environ.get("CRAWL_ONLY", "").split())
VNU = settings.BASE_DIR / "tests/peers/node_modules/vnu-jar/build/dist/vnu.jar"
# htmx's attributes are not in the HTML standard; the checker reports them by name.
HTMX_ATTRIBUTE = "Attribute “hx-"


def _run_in_thread(coroutine):
    """Playwright's sync API owns this thread's event loop: run the async crawl in its own thread."""
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # raised again in the test's thread, where pytest sees it
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def validate_html(html_dir: Path) -> list[str]:
    if not VNU.exists():
        raise pytest.UsageError(f"The Nu Html Checker is missing: run `npm install` in {VNU.parents[3]}")
    result = subprocess.run(
        [
            "java",
            "-Xss2m",
            # The client compiler alone and one GC thread: half the CPU time over a thousand pages.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--exit-zero-always",
            "--skip-non-html",
            str(html_dir),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" and not m["message"].startswith(HTMX_ATTRIBUTE)
    ]


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process (the live server and the crawl's Playwright client) and of its
    finished children (the validator's JVM)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


@pytest.fixture
def html_dir():
    path = settings.BASE_DIR / "test-artifacts" / "crawl"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def test_every_page_passes_axe_reflows_and_validates(matrix_world, live_server, reference_data, html_dir):
    world = matrix_world
    assert crawler.allauth_url_names() == set(crawler.ALLAUTH) | crawler.ALLAUTH_NOT_PAGES, (
        "list each allauth URL in tests/browser/crawler.py ALLAUTH (or ALLAUTH_NOT_PAGES)"
    )
    cases = {name: case for name, case in {**CASES, **crawler.ALLAUTH}.items() if name.startswith(ONLY or "")}
    visits, post_only = crawler.plan(cases, world, LANGUAGES)
    cookies = {
        role: user and crawler.session_cookie(user)
        for role, user in world.users.items()
        if role in crawler.CRAWLED_ROLES
    }
    started, cpu_started = time.monotonic(), _cpu_seconds()
    findings = _run_in_thread(crawler.crawl(visits, cookies, live_server.url, html_dir))
    crawled, cpu_crawled = time.monotonic() - started, _cpu_seconds()
    html_errors = validate_html(html_dir)
    cpu_validated = _cpu_seconds()
    names = {visit.url_name for visit in visits}
    summary = (
        f"crawl: {len(visits)} visits ({findings.pages} pages, {findings.files} files, "
        f"{findings.fragments} htmx pieces) of {len(names)} URL "
        f"names × {len({v.role for v in visits})} roles × {len(LANGUAGES)} languages in {crawled:.0f} s; "
        f"(CPU: live server and driver {cpu_crawled[0] - cpu_started[0]:.0f} s, browser "
        f"{findings.browser_cpu:.0f} s); validator {time.monotonic() - started - crawled:.0f} s "
        f"(CPU {cpu_validated[1] - cpu_crawled[1]:.0f} s); {len(post_only)} POST-only URLs not crawled"
    )
    print("\n" + summary)
    problems = (
        [f"broken: {line}" for line in findings.broken]
        + [f"axe: {line}" for line in findings.axe]
        + [f"320 px: {line}" for line in findings.sideways]
        + [f"html: {line}" for line in html_errors]
    )
    report = settings.BASE_DIR / "test-artifacts" / "crawl-report.txt"
    report.write_text(summary + "\n" + "\n".join(problems) + "\n", encoding="utf-8")
    assert not problems, f"{len(problems)} problems (all in {report}):\n" + "\n".join(problems[:150])
