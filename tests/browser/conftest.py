"""Playwright with Debian's chromium against the live server; axe-core on every page visited.

Use the `browse` fixture: `page = browse(user)` gives a page (signed in when a user is given) whose
`visit(path)` opens a page and fails the test on any axe violation. Call `page.check_axe()`
after an interaction that changes the page.
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import sync_playwright

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
ARTIFACTS = settings.BASE_DIR / "test-artifacts"
_axe = Axe()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        raise pytest.UsageError(
            f"Browser tests need Debian's chromium at {CHROMIUM}: run scripts/system-deps.sh"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


class AxeViolation(AssertionError):
    pass


def check_axe(page) -> None:
    result = _axe.run(page)
    if result.violations_count:
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in result.response["violations"]
        ]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "axe-failure.png"), full_page=True)
        raise AxeViolation(f"axe violations on {page.url}:\n" + "\n".join(details))


@pytest.fixture
def reference_data(transactional_db):
    """transactional_db empties every table after each test, data migrations included: reload them
    (the classifications, the council body and the action plan; each loader changes nothing twice)."""
    from django.core.management import call_command

    from actionplan.models import Plan
    from tests.council.factories import restore_migration_data

    restore_migration_data()
    if not Plan.objects.exists():
        call_command("import_action_plan", verbosity=0)


@pytest.fixture
def browse(browser, live_server, reference_data):
    contexts = []

    def open_page(user=None, language="fi"):
        context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        if user is not None:
            _sign_in_by_session(context, live_server.url, user)
        page = context.new_page()
        page.set_default_timeout(15000)

        def visit(path: str):
            page.goto(f"{live_server.url}{path}")
            check_axe(page)
            return page

        page.visit = visit
        page.check_axe = lambda: check_axe(page)
        page.base_url = live_server.url
        return page

    yield open_page
    for context in contexts:
        context.close()


def _sign_in_by_session(context, base_url: str, user) -> None:
    """A session cookie for the user, as Django's test client's force_login makes it."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}])
