"""Gunicorn settings of the web process (scripts/portal web), read from the environment.

The app is loaded once in the master before the workers fork (preload), and `when_ready` warms
it there: every template compiled, a real PDF rendered, the public pages answered once in each
language. A fresh worker inherits all of it and answers its first request at once instead of
loading Pango, templates and catalogues on it (issue 14: ≤ 2 s; scripts/measure_warm_start.py).
"""

import os
from pathlib import Path

bind = os.environ.get("WEB_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# PDFs and exports can take long on a loaded machine; the proxy's timeout should be longer.
timeout = int(os.environ.get("WEB_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
preload_app = True
accesslog = "-"
errorlog = "-"
# The reverse proxy (Caddy in docker-compose.yml) sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")


WARM_PAGES = ("", "council/archive/", "members/", "plan/", "grants/national/", "accounts/login/")


def _warm_host(allowed: list[str]) -> str:
    for host in allowed:
        if host != "*":
            return "www" + host if host.startswith(".") else host
    return "localhost"


def _get(app, path: str, host: str) -> str:
    """One anonymous GET through the whole stack, as the proxy would send it. The made-up session
    cookie keeps it out of the public page cache (membership/kernel/public_cache.py): it only
    reads."""
    import io
    import sys

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "HTTP_HOST": host,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_COOKIE": "sessionid=warm-up",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    status = []
    body = app(environ, lambda line, headers, exc_info=None: status.append(line))
    try:
        b"".join(body)
    finally:
        getattr(body, "close", lambda: None)()
    return status[0] if status else "no answer"


def _compile_templates() -> int:
    """Every template of the portal, compiled into the cached loader that the workers inherit."""
    from django.conf import settings
    from django.template import TemplateSyntaxError
    from django.template.loader import get_template
    from django.template.utils import get_app_template_dirs

    folders = [*map(str, settings.TEMPLATES[0]["DIRS"]), *map(str, get_app_template_dirs("templates"))]
    count = 0
    for folder in folders:
        if "site-packages" in folder and "allauth" not in folder:
            continue  # the admin's and other libraries' templates are loaded when used
        for path in Path(folder).rglob("*.html"):
            try:
                get_template(str(path.relative_to(folder)))
                count += 1
            except TemplateSyntaxError:  # a fragment that only compiles inside its parent
                continue
    return count


def _warm_pdf() -> None:
    """A real document through the real path (pdf/ua-1, fonts, pikepdf), not a toy page."""
    from weasyprint import HTML

    from council.models import Meeting
    from council.pdf import render_pdf

    meeting = Meeting.objects.filter(state=Meeting.State.PUBLISHED).select_related("body").first()
    if meeting is not None:
        render_pdf(meeting, "agenda", public=True)
    else:
        HTML(string="<p>warm-up</p>").write_pdf(pdf_variant="pdf/ua-1")


def when_ready(server):
    """Load in the master what the first request would otherwise load in each worker: every
    template, WeasyPrint with its fonts, the static manifest, the translations and formats of
    each language (by answering the public pages once in each)."""
    import time

    from django.conf import settings
    from django.db import connections

    started = time.monotonic()
    app = server.app.wsgi()
    try:
        templates = _compile_templates()
        _warm_pdf()
        host = _warm_host(settings.ALLOWED_HOSTS)
        answers = {
            f"/{code}/{page}": _get(app, f"/{code}/{page}", host)
            for code, _name in settings.LANGUAGES
            for page in WARM_PAGES
        }
    except Exception:  # a warm-up that fails must not keep the portal from starting
        server.log.exception("warm-up failed; workers load lazily")
    else:
        failed = {path: status for path, status in answers.items() if not status.startswith("200")}
        if failed:
            server.log.warning("warm-up pages not answered with 200: %s", failed)
        seconds = time.monotonic() - started
        server.log.info("warmed in %.1f s: %d templates, a PDF, %d pages", seconds, templates, len(answers))
    finally:
        connections.close_all()  # no database connection may cross the fork
