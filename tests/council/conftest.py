import pytest
from django.core.cache import cache

from council import tasks


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached PDFs are keyed by meeting id, and ids are reused between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def invitations_in_this_process(request, monkeypatch):
    """The worker's task runs here when the agenda's transaction commits (see test_agenda_worker.py
    for the real worker): the tests read the invitations from the outbox as before."""
    if request.node.get_closest_marker("celery_worker"):
        return
    monkeypatch.setattr(
        tasks.mail_agenda_invitations,
        "apply_async",
        lambda args=(), **kw: tasks.mail_agenda_invitations.apply(args),
    )
