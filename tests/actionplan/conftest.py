import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are asserted in English (the msgids); pages keep their /fi/ language."""
    with translation.override("en"):
        yield
