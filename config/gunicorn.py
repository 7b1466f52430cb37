"""Gunicorn settings of the web process (scripts/portal web), read from the environment.

The app is loaded once in the master before the workers fork (preload), and WeasyPrint with
its fonts is loaded then too, so a fresh worker answers its first request at once instead of
loading Pango on it.
"""

import os

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


def when_ready(server):
    """Load in the master what the first request would otherwise load in each worker."""
    from django.db import connections
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation
    from weasyprint import HTML

    HTML(string="<p>warm-up</p>").write_pdf()
    resolver = get_resolver()
    resolver.reverse_dict  # imports every view module  # noqa: B018
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            translation.gettext("Front page")
    for name in ("base.html", "membership/home.html", "account/login.html", "membership/dashboard.html"):
        get_template(name)
    connections.close_all()  # no database connection may cross the fork
    server.log.info("WeasyPrint, URLs, translations and templates loaded")
