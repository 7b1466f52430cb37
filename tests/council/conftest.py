import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached PDFs are keyed by meeting id, and ids are reused between tests."""
    cache.clear()
    yield
    cache.clear()
