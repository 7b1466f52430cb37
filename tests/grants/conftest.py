import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """The tests read messages in English: URLs are reversed under /en/ and text is English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
