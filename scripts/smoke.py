"""Production smoke run: the portal started as the image starts it, then used as people use it.

    python scripts/smoke.py            (CI runs it from .ci/run; needs PostgreSQL and Redis)

Environment: SMOKE_DATABASE_URL (a database it may empty; default council_portal_smoke on
127.0.0.1) and REDIS_URL. Everything else it sets itself: debug off, a random SECRET_KEY,
static files built by `scripts/portal build`, migrations by `scripts/portal migrate`, then
gunicorn, one Celery worker and one beat through `scripts/portal web|worker|beat`, and a real
SMTP server (aiosmtpd) on a free port. Then it
1. signs in as each demo role (TOTP for staff) and GETs every page that role's navigation
   links to, and every static asset those pages use: any 5xx or broken asset fails the run;
2. makes beat fire a report schedule and waits for the PDF and for the mail at the SMTP server;
3. stops the SMTP server, asks for a password reset (allauth's mail), restarts the server and
   waits for that mail: nothing is lost;
4. starts a second web process whose Redis is a closed port: sign-in, the pages, published
   PDFs and "generate report" still answer without a 5xx, and the report and mail saved
   meanwhile are sent once the sweeps run against the real Redis.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
import html.parser
import os
import re
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "demo-salasana-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ROLES = {
    "admin": "admin@example.fi",
    "staff": "hyte@example.fi",
    "member": "jasen@example.fi",
    "board": "lautakunta@example.fi",
    "ngo": "jarjesto@example.fi",
}
STAFF_ROLES = {"admin", "staff"}


STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"smoke [{time.monotonic() - STARTED:5.0f} s]: {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout: float, what: str, step: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise SystemExit(f"smoke: FAILED waiting for {what} ({timeout:.0f} s)")


def totp_now(secret: str = TOTP_SECRET) -> str:
    import base64

    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


# --- the SMTP server -------------------------------------------------------------------------


class Mailbox:
    """aiosmtpd on a fixed free port, stopped and started again for the outage."""

    def __init__(self, folder: Path):
        self.folder, self.port, self.controller = folder, free_port(), None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        folder = self.folder

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                name = f"{time.time_ns()}.eml"
                (folder / name).write_bytes(envelope.original_content or envelope.content)
                return "250 Message accepted for delivery"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def messages(self):
        files = sorted(self.folder.glob("*.eml"))
        return [message_from_bytes(path.read_bytes(), policy=policy.default) for path in files]


# --- HTTP as a browser does it (cookies kept by hand: debug-off cookies are Secure) -----------


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.nav_depth, self.nav, self.assets, self.links, self.forms = 0, [], [], [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            self.nav_depth += 1
        if tag == "a" and attrs.get("href"):
            (self.nav if self.nav_depth else self.links).append(attrs["href"])
        if tag in {"link", "script", "img"}:
            url = attrs.get("href") if tag == "link" else attrs.get("src")
            if url and (tag != "link" or attrs.get("rel") in {"stylesheet", "icon", "preload"}):
                self.assets.append(url)
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.forms["csrf"] = attrs.get("value")

    def handle_endtag(self, tag):
        if tag == "nav":
            self.nav_depth -= 1


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base: str):
        self.base, self.cookies = base, {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path: str, data: dict | None = None, follow: bool = True):
        url = urllib.parse.urljoin(self.base, path)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Referer": url}
        request = urllib.request.Request(url, data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        content = response.read()
        status, location = response.status, response.headers.get("Location")
        if follow and status in {301, 302, 303} and location:
            return self.request(location)
        return status, url, content

    def get(self, path: str):
        return self.request(path)

    def post(self, path: str, data: dict):
        status, url, content = self.request(path)
        parser = Links()
        parser.feed(content.decode(errors="replace"))
        return self.request(path, {"csrfmiddlewaretoken": parser.forms.get("csrf", ""), **data})


def sign_in(browser: Browser, role: str) -> None:
    status, url, content = browser.post("/fi/accounts/login/", {"login": ROLES[role], "password": PASSWORD})
    if role in STAFF_ROLES and "/2fa/" in url:
        status, url, content = browser.post(url, {"code": totp_now()})
    if status >= 400 or "/accounts/login/" in url or "/2fa/" in url:
        raise SystemExit(f"smoke: FAILED signing in as {role}: {status} at {url}")


def crawl(browser: Browser, role: str, checked_assets: set[str]) -> tuple[int, list[str]]:
    """GET the role's front page and every page its navigation links to; their assets too."""
    failures, pages, pdfs = [], 0, []
    status, url, content = browser.get("/fi/my/" if role != "anon" else "/fi/")
    first = Links()
    first.feed(content.decode(errors="replace"))
    targets = ["/fi/my/" if role != "anon" else "/fi/"]
    for href in first.nav:
        path = urllib.parse.urlsplit(urllib.parse.urljoin(url, href))
        same_site = path.netloc == urllib.parse.urlsplit(browser.base).netloc
        if same_site and "logout" not in path.path and path.path not in targets:
            targets.append(path.path + (f"?{path.query}" if path.query else ""))
    for target in targets:
        status, url, content = browser.get(target)
        pages += 1
        if status >= 500:
            failures.append(f"{role}: {status} on {target}")
            continue
        parser = Links()
        parser.feed(content.decode(errors="replace"))
        pdfs += [link for link in parser.links if link.endswith(".pdf")]
        for asset in parser.assets:
            if asset.startswith("data:") or asset in checked_assets:
                continue
            checked_assets.add(asset)
            asset_status, _, _ = browser.get(asset)
            if asset_status != 200:
                failures.append(f"{role}: asset {asset} answered {asset_status} (on {target})")
    log(f"{role}: {pages} pages, {len(checked_assets)} assets checked so far")
    return pages, failures, pdfs


# --- the processes ----------------------------------------------------------------------------


class Stack:
    def __init__(self, env: dict, logs: Path):
        self.env, self.logs, self.processes = env, logs, []

    def start(self, role: str, name: str | None = None, **extra) -> subprocess.Popen:
        name = name or role
        handle = (self.logs / f"{name}.log").open("ab")
        process = subprocess.Popen(
            ["sh", "scripts/portal", role], cwd=ROOT, env={**self.env, **extra},
            stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        process.name = name
        self.processes.append(process)
        return process

    def run(self, *args: str, **extra) -> None:
        subprocess.run(args, cwd=ROOT, env={**self.env, **extra}, check=True)

    def stop(self, process) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            self.stop(process)

    def check_alive(self) -> None:
        for process in self.processes:
            if process.poll() is not None and not getattr(process, "stopped", False):
                tail = (self.logs / f"{process.name}.log").read_text(errors="replace")[-3000:]
                raise SystemExit(f"smoke: FAILED: {process.name} exited with {process.returncode}\n{tail}")


def wait_http(base: str, timeout: float = 120) -> None:
    def up():
        try:
            with urllib.request.urlopen(f"{base}/health/", timeout=5) as response:  # noqa: S310
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    wait_for(up, timeout, f"{base}/health/")


def main() -> int:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="portal-smoke-"))
    (work / "mail").mkdir()
    (work / "logs").mkdir()
    database_url = os.environ.get(
        "SMOKE_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/council_portal_smoke"
    )
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")
    mailbox = Mailbox(work / "mail")
    mailbox.start()
    web_port, dead_redis_port = free_port(), free_port()
    base = f"http://127.0.0.1:{web_port}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))},
        "PATH": f"{Path(PYTHON).parent}:{os.environ['PATH']}",
        "PYTHON": PYTHON,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "VAR_DIR": str(work / "var"),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": base,
        "CSRF_TRUSTED_ORIGINS": base,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mailbox.port),
        "MAIL_RETRY_SECONDS": "2",
        "STAFF_NOTIFICATION_EMAILS": "hyte-notices@example.fi",
        "WEB_BIND": f"127.0.0.1:{web_port}",
        "WEB_CONCURRENCY": "2",
        "WORKER_CONCURRENCY": "2",
    }
    os.environ.update(env)
    stack = Stack(env, work / "logs")
    failures: list[str] = []
    try:
        _reset_database(database_url)
        log("build, migrate, seed")
        stack.run("sh", "scripts/portal", "build")
        stack.run("sh", "scripts/portal", "migrate")
        stack.run(PYTHON, "manage.py", "seed_demo")
        import django

        django.setup()
        _speed_up_sweeps()
        t0 = time.monotonic()
        stack.start("web")
        stack.start("worker")
        stack.start("beat")
        wait_http(base)
        log(f"web answered /health/ {time.monotonic() - t0:.1f} s after start")
        stack.check_alive()

        # 1. Every page of every role's navigation, with debug off.
        assets: set[str] = set()
        pdfs: list[str] = []
        for role in ["anon", *ROLES]:
            browser = Browser(base)
            if role != "anon":
                sign_in(browser, role)
            _, found, role_pdfs = crawl(browser, role, assets)
            failures += found
            pdfs += role_pdfs
        _check_pdfs(Browser(base), pdfs[:3], failures)

        # 2. Beat fires a report schedule; the worker renders and mails it.
        run = _fire_report_schedule()
        wait_for(lambda: _run_delivered(run), 180, "the scheduled report's PDF and mail")
        title_mail = wait_for(lambda: _mail_to("lautakunta@example.fi", mailbox), 60, "the report mail")
        log(f"beat → worker → PDF → mail: '{title_mail['Subject']}' from {title_mail['From']}")
        _check_mail_format(title_mail, failures)

        # 3. The SMTP server stops; a password reset is asked for; the server comes back.
        mailbox.stop()
        browser = Browser(base)
        status, _, _ = browser.post("/fi/accounts/password/reset/", {"email": ROLES["member"]})
        if status >= 500:
            failures.append(f"password reset with SMTP down answered {status}")
        wait_for(_a_send_failed, 60, "a failed delivery while SMTP is down")
        log("SMTP down: the delivery failed and waits for a retry")
        mailbox.start()
        reset = wait_for(lambda: _mail_to(ROLES["member"], mailbox, "VAKE:"), 90, "the password reset mail")
        _check_mail_format(reset, failures, link_base=base)
        log("SMTP back: the queued password reset mail arrived")

        # 4. A web process whose Redis is unreachable.
        failures += _redis_outage(stack, env, dead_redis_port, mailbox)
        stack.check_alive()
    finally:
        stack.stop_all()
        with contextlib.suppress(Exception):  # already stopped
            mailbox.stop()
        if failures or os.environ.get("SMOKE_KEEP"):
            log(f"logs kept in {work / 'logs'}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        log(f"FAILED: {failure}")
    log(f"{'FAILED' if failures else 'passed'} in {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


def _reset_database(url: str) -> None:
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _speed_up_sweeps() -> None:
    """Beat's mail sweep every 5 s here (a minute in production)."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask, PeriodicTasks

    every, _ = IntervalSchedule.objects.get_or_create(every=5, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.filter(name="Send queued mail").update(interval=every)
    PeriodicTasks.update_changed()


def _fire_report_schedule():
    from django_celery_beat.models import IntervalSchedule, PeriodicTasks

    from reports import schedules
    from reports.models import ReportDefinition, ReportRun

    definition = ReportDefinition.objects.filter(periodic_task__isnull=False, audience__code="board").first()
    definition = definition or ReportDefinition.objects.filter(periodic_task__isnull=False).first()
    period = schedules.period_due(definition, datetime.date.today())
    ReportRun.objects.filter(definition=definition, period=str(period)).delete()
    every, _ = IntervalSchedule.objects.get_or_create(every=5, period=IntervalSchedule.SECONDS)
    task = definition.periodic_task
    task.crontab, task.clocked, task.interval, task.one_off = None, None, every, False
    task.save()
    PeriodicTasks.update_changed()
    log(f"report schedule '{definition}' set to fire every 5 s for {period}")
    return (definition.pk, str(period))


def _run_delivered(key) -> bool:
    from reports.models import ReportRun, RunState

    run = ReportRun.objects.filter(definition_id=key[0], period=key[1]).first()
    return bool(run and run.state == RunState.FINISHED and run.file and run.delivered_to)


def _mail_to(address: str, mailbox: Mailbox, subject_start: str = ""):
    for message in reversed(mailbox.messages()):
        if address in str(message["To"]) and str(message["Subject"]).startswith(subject_start):
            return message
    return None


def _check_mail_format(message, failures: list[str], link_base: str | None = None) -> None:
    if "järjestöneuvottelukunta" not in str(message["From"]):
        failures.append(f"mail sender has no display name: {message['From']}")
    types = {part.get_content_type() for part in message.walk()}
    if not {"text/plain", "text/html"} <= types:
        failures.append(f"mail lacks a plain or HTML part: {types}")
    if link_base:
        text = message.get_body(("plain",)).get_content()
        links = re.findall(r"https?://\S+", text)
        if not links or not all(link.startswith(link_base) for link in links):
            failures.append(f"mail links are not on SITE_URL: {links}")


def _a_send_failed() -> bool:
    from post_office.models import STATUS, Log

    return Log.objects.filter(status=STATUS.failed).exists()


def _check_pdfs(browser: Browser, pdfs: list[str], failures: list[str]) -> None:
    for pdf in pdfs:
        status, _, content = browser.get(pdf)
        if status != 200 or not content.startswith(b"%PDF"):
            failures.append(f"published PDF {pdf} answered {status}")


def _redis_outage(stack: Stack, env: dict, dead_port: int, mailbox: Mailbox) -> list[str]:
    from post_office.models import STATUS, Email

    from reports import services
    from reports.models import ReportDefinition, ReportRun, RunState

    failures = []
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    web = stack.start(
        "web",
        name="web-redis-down",
        WEB_BIND=f"127.0.0.1:{port}",
        REDIS_URL=f"redis://127.0.0.1:{dead_port}/0",
    )
    try:
        wait_http(base)
        assets: set[str] = set()
        pdfs = []
        for role in ["anon", "staff", "ngo"]:
            browser = Browser(base)
            if role != "anon":
                sign_in(browser, role)
            _, found, role_pdfs = crawl(browser, role, assets)
            failures += [f"Redis down: {failure}" for failure in found]
            pdfs += role_pdfs
        _check_pdfs(Browser(base), pdfs[:2], failures)
        staff = Browser(base)
        sign_in(staff, "staff")
        definition = ReportDefinition.objects.order_by("pk").first()
        status, _, _ = staff.post(f"/fi/reports/definitions/{definition.pk}/", {"period": "2024-Q1"})
        if status >= 500:
            failures.append(f"Redis down: generate report answered {status}")
        run = ReportRun.objects.filter(definition=definition, period="2024-Q1").first()
        if run is None or run.state != RunState.QUEUED:
            failures.append(f"Redis down: the requested report was not saved as queued ({run and run.state})")
        before = Email.objects.count()
        status, _, _ = Browser(base).post("/fi/accounts/password/reset/", {"email": ROLES["ngo"]})
        if status >= 500 or Email.objects.count() == before:
            failures.append(f"Redis down: password reset answered {status} or stored no mail")
        log("Redis down: pages, PDFs, sign-in and report request served; work saved")
    finally:
        web.stopped = True
        stack.stop(web)
    # Redis is back for the real stack: the sweeps send what was saved.
    services.sweep_stalled_runs(stale_after=datetime.timedelta(0), resend_after=datetime.timedelta(0))
    if run is not None:
        wait_for(lambda: ReportRun.objects.get(pk=run.pk).state == RunState.FINISHED, 180, "the saved report")
    wait_for(lambda: _mail_to(ROLES["ngo"], mailbox, "VAKE:"), 60, "the mail saved during the outage")
    if Email.objects.filter(status=STATUS.failed).exists():
        failures.append("mail left unsent after Redis came back")
    log("Redis back: the saved report was made and the saved mail sent")
    return failures


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
