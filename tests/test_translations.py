"""Every user-facing string is translated into Finnish and Swedish, with the same placeholders."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_catalogue_is_complete(lang):
    po = catalogue(lang)
    untranslated = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert not untranslated, f"{lang}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{lang}: fuzzy entries {fuzzy[:5]}"
    assert len(po) > 100


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_placeholders_match(lang):
    wrong = []
    for entry in catalogue(lang):
        expected = set(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if set(PLACEHOLDER.findall(text)) != expected:
                wrong.append(entry.msgid)
    assert not wrong, f"{lang}: placeholders differ in {wrong[:5]}"


def test_every_language_has_a_compiled_catalogue():
    for lang in ("fi", "sv", "en"):
        assert (Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.mo").exists(), lang
