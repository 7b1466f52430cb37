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
    from weasyprint import HTML

    HTML(string="<p>warm-up</p>").write_pdf()
    server.log.info("WeasyPrint loaded")
