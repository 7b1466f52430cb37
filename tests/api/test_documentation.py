"""The documentation page tells what each address serves in the page's language; openapi.json stays
English, and a description without a translation is marked as English."""

import re

import pytest
from django.utils import translation

from config.api_docs import described

pytestmark = pytest.mark.django_db


def _descriptions(client, language: str) -> dict[str, str]:
    """The table's description cells by address: their text, with ' lang=xx' where one is given."""
    page = client.get(f"/{language}/open-data/").content.decode()
    rows = re.findall(r"<code>GET (\S+)</code>.*?<td( lang=\"\w+\")?>(.*?)</td>", page)
    return {path: f"{text}{lang}" for path, lang, text in rows}


@pytest.mark.parametrize(
    ("language", "members", "one_item"),
    [
        ("fi", "Neuvottelukunnan nykyiset ja aiemmat jäsenet", "Yksi esityslistan asia"),
        ("sv", "Delegationens nuvarande och tidigare medlemmar", "Ett ärende på föredragningslistan"),
        ("en", "Council members, current and past", "One agenda item"),
    ],
)
def test_the_addresses_are_described_in_the_language_of_the_page(client, language, members, one_item):
    descriptions = _descriptions(client, language)
    assert descriptions["/api/v1/members"] == members
    assert descriptions["/api/v1/items/{item_id}"] == one_item
    assert not any(" lang=" in text for text in descriptions.values())


def test_the_openapi_document_keeps_the_english_descriptions(client):
    with translation.override("fi"):
        schema = client.get("/api/v1/openapi.json").json()
    assert schema["paths"]["/api/v1/members"]["get"]["summary"] == "Council members, current and past"


@pytest.mark.parametrize(("language", "lang"), [("fi", "en"), ("sv", "en"), ("en", "")])
def test_a_description_without_a_translation_is_marked_as_english(language, lang):
    with translation.override(language):
        assert described("Not translated into any language yet") == (
            "Not translated into any language yet",
            lang,
        )
        assert described("One body")[1] == ""
