"""Fixtures of the reports tests, among them a real Celery worker process against Redis."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from config.celery import app as celery_app

DEFAULT_BROKER = "redis://127.0.0.1:6379/5"
WORKER_START_TIMEOUT = 40

# The worker process must see the test database: on SQLite that needs a file, not memory.
_default = connections["default"].settings_dict
if _default["ENGINE"] == "django.db.backends.sqlite3":
    _default.setdefault("TEST", {})["NAME"] = str(settings.VAR_DIR / "test_portal_reports.sqlite3")
    _default.setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"


@pytest.fixture(autouse=True)
def sent_tasks(request, monkeypatch):
    """Outside the worker tests, record the tasks the services would send instead of sending them."""
    if request.node.get_closest_marker("celery_worker"):
        yield None
        return
    from reports import tasks

    sent = []
    monkeypatch.setattr(tasks.generate_run, "apply_async", lambda args, **kw: sent.append(("generate", args)))
    monkeypatch.setattr(tasks.deliver_run, "apply_async", lambda args, **kw: sent.append(("deliver", args)))
    yield sent


def _database_url() -> str:
    db = connections["default"].settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgresql://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


class Worker:
    """One `celery worker` process (and its pool children) in a process group of its own."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log = env, log
        self.process = None

    def start(self, concurrency: int = 2) -> "Worker":
        handle = self.log.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.reports.worker_app", "worker",
             "--pool", "prefork", "--concurrency", str(concurrency), "--loglevel", "INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"reports-test-{os.getpid()}-{time.monotonic_ns()}@%h"],
            env=self.env, cwd=settings.BASE_DIR, stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        handle.close()
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while " ready." not in self.log.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.2)
        return self

    def kill(self) -> None:
        """SIGKILL the worker and its children at once, as a crash or an OOM kill would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def succeeded(self, task_name: str) -> int:
        return sum(
            1
            for line in self.log.read_text().splitlines()
            if f"Task {task_name}[" in line and "succeeded" in line
        )


@pytest.fixture
def broker():
    """Point the test process's Celery app at the test Redis and empty the queue."""
    url = os.environ.get("REDIS_URL") or DEFAULT_BROKER
    saved = {key: celery_app.conf[key] for key in ("broker_url", "broker_transport_options")}
    celery_app.conf.update(broker_url=url, broker_transport_options={"visibility_timeout": 3600})
    celery_app._after_fork()
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_declare("celery", durable=True, auto_delete=False)
        connection.default_channel.queue_purge("celery")
    yield url
    celery_app.conf.update(**saved)
    celery_app._after_fork()


@pytest.fixture
def worker_env(broker, tmp_path, settings):
    media = tmp_path / "media"
    mail = tmp_path / "mail"
    faults = tmp_path / "faults"
    for folder in (media, mail, faults):
        folder.mkdir()
    settings.MEDIA_ROOT = str(media)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.reports.worker_settings",
        "DJANGO_TESTING": "1",
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "MEDIA_ROOT": str(media),
        "REPORTS_TEST_BROKER": broker,
        "REPORTS_TEST_MAIL_DIR": str(mail),
        "REPORTS_TEST_FAULTS": str(faults),
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    return {"env": env, "media": media, "mail": mail, "faults": faults, "log": tmp_path / "worker.log"}


@pytest.fixture
def start_worker(worker_env):
    started = []

    def start(concurrency: int = 2) -> Worker:
        log = worker_env["log"].with_name(f"worker-{len(started)}.log")
        worker = Worker(worker_env["env"], log).start(concurrency)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def wait_for(condition, timeout: float = 60, step: float = 0.2, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out waiting for {message}")
