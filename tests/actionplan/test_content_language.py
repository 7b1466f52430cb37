"""Action plan content shown in a fallback language is marked with that language (WCAG 3.1.2)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from actionplan import services
from actionplan.models import Measure


@pytest.fixture
def measure(db):
    """A measure of the imported plan with a Finnish title and sub-action only, and an English name."""
    measure = Measure.objects.filter(goal__plan=services.current_plan(), indicators__isnull=False).first()
    Measure.objects.filter(pk=measure.pk).update(title_sv="", title_en="Measure in English")
    measure.refresh_from_db()
    measure.sub_actions.update(text_sv="")
    measure.indicators.update(name_sv="")
    return measure


def _page(client, language: str, url_name: str, **kwargs) -> str:
    with translation.override(language):
        return client.get(reverse(url_name, kwargs=kwargs)).content.decode()


def _element_with(html: str, text: str) -> str:
    """The opening tag of the innermost element whose text starts with `text`."""
    match = re.search(r"<(\w+)([^<>]*)>\s*" + re.escape(text[:40]), html)
    assert match, f"{text[:40]!r} is not on the page"
    return match.group(0)


def test_a_finnish_title_on_a_swedish_page_is_marked_finnish(client, measure):
    html = _page(client, "sv", "actionplan:measure_detail", pk=measure.pk)
    assert 'lang="fi"' in _element_with(html, measure.title_fi)
    sub_action = measure.sub_actions.first()
    assert 'lang="fi"' in _element_with(html, sub_action.text_fi)
    indicator = measure.indicators.first()
    assert 'lang="fi"' in _element_with(html, indicator.name_fi)

    progress = _page(client, "sv", "actionplan:progress")
    assert 'lang="fi"' in _element_with(progress, measure.title_fi)


def test_a_title_in_the_pages_language_is_not_marked(client, measure):
    english = _page(client, "en", "actionplan:measure_detail", pk=measure.pk)
    assert f"<h1>{measure.code} Measure in English</h1>" in english
    finnish = _page(client, "fi", "actionplan:measure_detail", pk=measure.pk)
    assert f"<h1>{measure.code} {escape(measure.title_fi)}</h1>" in finnish


def test_a_target_in_words_shown_in_finnish_is_marked_and_a_number_is_not(client, measure):
    from actionplan.models import IndicatorTarget

    worded = measure.indicators.order_by("pk").first()
    worded.targets.all().delete()
    target = IndicatorTarget.objects.create(indicator=worded, year=2030, text_fi="Kasvaa vuoden 2026 tasosta")
    html = _page(client, "sv", "actionplan:measure_detail", pk=measure.pk)
    assert 'lang="fi"' in _element_with(html, "Kasvaa vuoden 2026 tasosta")
    target.text_sv = "Ökar från 2026 års nivå"
    target.save()
    html = _page(client, "sv", "actionplan:measure_detail", pk=measure.pk)
    assert 'lang="fi"' not in _element_with(html, "Ökar från 2026 års nivå")
