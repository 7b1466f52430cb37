"""The crawl plan of tests/browser/test_every_page.py: every GET URL of the URL tables × every role
they allow × every language, plus allauth's pages, and the crawl itself (parallel browser pages).

A URL joins the crawl by being in tests/url_tables/ (its kwargs factory fills the ids); allauth's
URLs are listed in ALLAUTH below, so a new allauth page fails the crawl until it is listed.
"""

import asyncio
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.conftest import MATRIX_ROLES
from tests.url_tables.membership import EVERYONE

ANON_NGO_STAFF = {"anon", "ngo", "staff"}
SIGNED_IN = EVERYONE - {"anon"}
# Tags of the WCAG success criteria the portal promises: 2.1 A/AA and 2.2 AA.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}
PARALLEL_PAGES = int(os.environ.get("CRAWL_PAGES", "4"))


def _confirm_email_key(world) -> dict:
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    user = world.users["ngo"]
    address, _ = EmailAddress.objects.get_or_create(user=user, email=user.email)
    return {"key": EmailConfirmationHMAC(address).key}


def _password_reset_key(world) -> dict:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = world.users["ngo"]
    return {"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)}


# allauth's pages: (kwargs factory or None, roles). Signed-in roles on a sign-in page land where
# allauth sends them, which is a page as well.
ALLAUTH = {
    "account_login": (None, EVERYONE),
    "account_logout": (None, SIGNED_IN),
    "account_inactive": (None, {"anon"}),
    "account_signup": (None, {"anon"}),
    "account_reauthenticate": (None, SIGNED_IN),
    "account_email": (None, SIGNED_IN),
    "account_email_verification_sent": (None, {"anon"}),
    "account_change_password": (None, SIGNED_IN),
    "account_set_password": (None, {"ngo"}),
    "account_reset_password": (None, ANON_NGO_STAFF),
    "account_confirm_login_code": (None, {"anon"}),
    "account_confirm_email": (_confirm_email_key, {"anon"}),
    "account_reset_password_from_key_done": (None, {"anon"}),
    "account_reset_password_from_key": (_password_reset_key, {"anon"}),
    "account_reset_password_done": (None, {"anon"}),
    "mfa_index": (None, SIGNED_IN),
    "mfa_authenticate": (None, {"anon"}),
    "mfa_reauthenticate": (None, {"staff", "admin"}),
    "mfa_activate_totp": (None, {"ngo", "member", "board"}),
    "mfa_deactivate_totp": (None, {"staff", "admin"}),
    "mfa_view_recovery_codes": (None, {"staff"}),
    "mfa_generate_recovery_codes": (None, {"staff"}),
    "socialaccount_login_cancelled": (None, {"anon"}),
    "socialaccount_login_error": (None, {"anon"}),
    "socialaccount_signup": (None, {"anon"}),
    "socialaccount_connections": (None, SIGNED_IN),
}
# allauth URLs that are not pages: a file download and the hand-overs to the identity provider.
ALLAUTH_NOT_PAGES = {"mfa_download_recovery_codes", "openid_connect_login", "openid_connect_callback"}
# URLs that answer htmx with a piece of a page (the comboboxes' option lists), not a document: axe
# checks them inside their page (tests/browser/test_combobox.py); here each must answer a piece, and
# every other URL a whole document.
FRAGMENTS = {"grants:organisation_search", "membership:call_organisation_search"}


def allauth_url_names() -> set[str]:
    def walk(patterns):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns)
            elif isinstance(entry, URLPattern) and entry.callback.__module__.startswith("allauth."):
                yield entry.name

    return set(walk(get_resolver().url_patterns))


@dataclass(frozen=True)
class Visit:
    url_name: str
    role: str
    language: str
    path: str

    @property
    def label(self) -> str:
        return f"{self.url_name} as {self.role} in {self.language}"


# The roles crawled: one of each kind of user; the matrix's finer roles (another organisation's
# contact, deputy, checker, working-group member) see the same pages as these.
CRAWLED_ROLES = ("anon", "ngo", "member", "board", "staff", "admin")


def roles_allowed(allowed) -> list[str]:
    """The crawled roles that may open a page: a role set, or the matrix's GET letters (2 = 200)."""
    if isinstance(allowed, str):
        letters = allowed.replace(" ", "")
        return [
            role
            for role, letter in zip(MATRIX_ROLES, letters, strict=True)
            if letter == "2" and role in CRAWLED_ROLES
        ]
    return sorted(allowed)


def plan(cases: dict, world, languages) -> tuple[list[Visit], list[str]]:
    """The visits, and the URL names left out because no crawled role may GET them."""
    visits, post_only = [], []
    for url_name, (kwargs_factory, allowed, *options) in sorted(cases.items()):
        roles = roles_allowed(allowed)
        if "post" in options or not roles:
            post_only.append(url_name)
            continue
        kwargs = kwargs_factory(world) if kwargs_factory else {}
        for language in languages:
            with translation.override(language):
                path = reverse(url_name, kwargs=kwargs)
            visits += [Visit(url_name, role, language, path) for role in roles]
    return visits, post_only


@dataclass
class Findings:
    pages: int = 0
    files: int = 0
    fragments: int = 0
    # URL names that answered a visit with a file (a download, a PDF, a calendar): their other visits
    # are counted, not opened, as a file has no axe, reflow or HTML to check; their answers to each
    # role are the permission matrix's to check (tests/test_url_permissions.py).
    file_names: set = field(default_factory=set)
    axe: list = field(default_factory=list)
    sideways: list = field(default_factory=list)
    broken: list = field(default_factory=list)
    browser_cpu: float = 0.0
    html_dir: Path | None = None
    log: Path | None = None

    def add(self, kind: str, line: str) -> None:
        getattr(self, kind).append(line)
        if self.log:  # written as found, to follow a long crawl
            with self.log.open("a", encoding="utf-8") as out:
                out.write(f"{kind}: {line}\n")


def session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


# axe-core as an init script: Chromium evaluates it in each new document itself, instead of the
# 570 KB source travelling through Playwright's driver before every check.
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
RUN_AXE = """options => axe.run(document, options).then(result => result.violations.map(
    violation => [violation.id, violation.nodes.slice(0, 3).map(node => node.target)]))"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
WIDE_ELEMENTS = """() => Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
        && !e.closest('.table-scroll'))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""


async def _check_axe(page, visit: Visit, findings: Findings) -> None:
    if page.viewport_size != WIDE:
        await page.set_viewport_size(WIDE)
    for rule, targets in await page.evaluate(RUN_AXE, AXE_OPTIONS):
        findings.add("axe", f"{visit.label} ({page.url}): {rule} {targets}")


async def _check_reflow(page, visit: Visit, findings: Findings) -> None:
    if page.viewport_size != NARROW:
        await page.set_viewport_size(NARROW)
    overflow = await page.evaluate(OVERFLOW)
    if overflow > 0:
        wide = await page.evaluate(WIDE_ELEMENTS)
        findings.add("sideways", f"{visit.label}: {overflow}px wider than 320 px {wide}")


async def _visit(page, visit: Visit, base_url: str, findings: Findings) -> None:
    if visit.url_name in findings.file_names:
        findings.files += 1
        return
    try:
        response = await page.goto(base_url + visit.path, wait_until="load")
    except Exception as error:  # a file download is not a page
        if "Download is starting" in str(error):
            findings.files += 1
            findings.file_names.add(visit.url_name)
            return
        raise
    if response is None:
        raise AssertionError("no response")
    if response.status >= 500:
        findings.add("broken", f"{visit.label}: HTTP {response.status}")
        return
    if "text/html" not in (response.headers.get("content-type") or ""):
        findings.files += 1
        findings.file_names.add(visit.url_name)
        return
    body = await response.text()
    whole = body.lstrip()[:15].lower() == "<!doctype html>"
    if visit.url_name in FRAGMENTS:
        findings.fragments += 1
        if whole:
            findings.add("broken", f"{visit.label}: listed in FRAGMENTS but answers a whole page")
        return
    if not whole:
        findings.add("broken", f"{visit.label}: not a whole HTML document (an htmx piece goes in FRAGMENTS)")
        return
    findings.pages += 1
    name = hashlib.sha1(f"{visit.label}".encode()).hexdigest()[:12]
    (
        findings.html_dir / f"{visit.url_name.replace(':', '_')}-{visit.role}-{visit.language}-{name}.html"
    ).write_text(body, encoding="utf-8")
    # Both checks at the width the page already has first: one viewport change per visit, not two.
    checks = (_check_axe, _check_reflow)
    if page.viewport_size == NARROW:
        checks = checks[::-1]
    for check in checks:
        await check(page, visit, findings)


def descendants_cpu_seconds() -> float:
    """CPU seconds of this process's descendants still running (the browser's processes: their
    renderers are not waited for by an ancestor, so getrusage never counts them)."""
    ticks, parents, cpu = os.sysconf("SC_CLK_TCK"), {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):  # not a process, or one that has just ended
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
        cpu[int(entry.name)] = sum(int(value) for value in fields[11:15]) / ticks

    def descends(pid: int) -> bool:
        while pid in parents and pid != os.getpid():
            pid = parents[pid]
        return pid == os.getpid()

    return sum(seconds for pid, seconds in cpu.items() if pid != os.getpid() and descends(pid))


def _first_of_each_name_first(visits: list[Visit]) -> list[Visit]:
    """One visit of every URL name before any second one, so a file is known as such early."""
    seen: dict[str, int] = {}
    ranked = []
    for index, visit in enumerate(visits):
        seen[visit.url_name] = seen.get(visit.url_name, -1) + 1
        ranked.append((seen[visit.url_name], index, visit))
    return [visit for *_, visit in sorted(ranked)]


async def crawl(visits: list[Visit], cookies: dict, base_url: str, html_dir: Path) -> Findings:
    """Open every visit in PARALLEL_PAGES pages at once; one browser context (one sign-in) per role."""
    from playwright.async_api import async_playwright

    from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS

    findings = Findings(html_dir=html_dir, log=html_dir.parent / "crawl-findings.log")
    findings.log.write_text("", encoding="utf-8")
    queue: asyncio.Queue = asyncio.Queue()
    for visit in _first_of_each_name_first(visits):
        queue.put_nowait(visit)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        contexts = {}
        for role, cookie in cookies.items():
            context = await browser.new_context(viewport=WIDE)
            await context.add_init_script(path=AXE_SCRIPT)
            if cookie:
                await context.add_cookies(
                    [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}]
                )
            contexts[role] = context

        async def worker():
            pages = {}
            while not queue.empty():
                visit = queue.get_nowait()
                if visit.role not in pages:
                    pages[visit.role] = await contexts[visit.role].new_page()
                    pages[visit.role].set_default_timeout(60000)
                try:
                    await _visit(pages[visit.role], visit, base_url, findings)
                except Exception as error:
                    findings.add("broken", f"{visit.label}: {error}".splitlines()[0])

        await asyncio.gather(*(worker() for _ in range(PARALLEL_PAGES)))
        findings.browser_cpu = descendants_cpu_seconds()
        await browser.close()
    return findings
