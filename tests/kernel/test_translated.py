"""The one rule of translated fields (membership/kernel/translated.py), on the models that use it."""

import pytest
from django.utils import translation

from actionplan.models import Plan
from membership.kernel.translated import Translated, shown_language
from membership.models import Municipality, Organisation


class Leaflet:
    title = Translated()

    def __init__(self, fi: str, sv: str = "", en: str = ""):
        self.title_fi, self.title_sv, self.title_en = fi, sv, en


@pytest.mark.parametrize(
    ("language", "texts", "shown", "value"),
    [
        ("fi", ("Esite", "Broschyr", "Leaflet"), "fi", "Esite"),
        ("sv", ("Esite", "Broschyr", "Leaflet"), "sv", "Broschyr"),
        ("en", ("Esite", "Broschyr", "Leaflet"), "en", "Leaflet"),
        ("sv", ("Esite", "", "Leaflet"), "fi", "Esite"),
        ("en", ("Esite", "Broschyr", ""), "fi", "Esite"),
    ],
)
def test_the_page_language_else_finnish(language, texts, shown, value):
    leaflet = Leaflet(*texts)
    with translation.override(language):
        assert leaflet.title == value
        assert shown_language(leaflet, "title") == shown


def test_outside_a_request_finnish_is_shown():
    leaflet = Leaflet("Esite", "Broschyr", "Leaflet")
    with translation.override(None):
        assert leaflet.title == "Esite"


def test_the_descriptor_on_the_class_is_itself():
    assert isinstance(Plan.title, Translated)
    assert Plan.title.stem == "title"


@pytest.mark.django_db
def test_an_organisation_has_no_english_name_and_shows_its_finnish_one():
    organisation = Organisation(name_fi="Vantaan Setlementti ry", name_sv="Vanda Settlement rf")
    with translation.override("sv"):
        assert organisation.name == "Vanda Settlement rf"
    with translation.override("en"):
        assert organisation.name == "Vantaan Setlementti ry"
        assert shown_language(organisation, "name") == "fi"


def test_an_inherited_translated_name_reads_its_own_columns():
    municipality = Municipality(name_fi="Kerava", name_sv="Kervo", name_en="")
    with translation.override("sv"):
        assert municipality.name == "Kervo"
        assert str(municipality) == "Kervo"
    with translation.override("en"):
        assert municipality.name == "Kerava"
