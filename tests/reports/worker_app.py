"""The Celery app of the worker tests: the portal's own, with faults a test switches on by files.

In REPORTS_TEST_FAULTS: `fail-once` makes the next rendering raise (and is removed), `fail-always`
makes every rendering raise, `hang` makes rendering write `started` and wait to be killed.
"""

import os
import time
from pathlib import Path

from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.reports.worker_settings")

from config.celery import app  # noqa: E402

FAULTS = Path(os.environ.get("REPORTS_TEST_FAULTS", "/nonexistent"))


@worker_init.connect
def install_faults(**kwargs):
    from reports import rendering

    real_render = rendering.render_pdf

    def render_pdf(snapshot):
        once = FAULTS / "fail-once"
        if once.exists():
            once.unlink()
            raise RuntimeError("injected failure (once)")
        if (FAULTS / "fail-always").exists():
            raise RuntimeError("injected failure (always)")
        if (FAULTS / "hang").exists():
            (FAULTS / "started").write_text(str(os.getpid()))
            time.sleep(300)
        return real_render(snapshot)

    rendering.render_pdf = render_pdf


__all__ = ["app"]
