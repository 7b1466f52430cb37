"""The one form-rendering path, content language marking, the statement and locale formats."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from membership.models import SitePage
from tests.factories import OrganisationFactory, contact_of

from .call_factories import CallFactory, add_seats

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominate(client):
    call = CallFactory(personal_deputies=True)
    add_seats(call)
    client.force_login(contact_of(OrganisationFactory()))
    return call, reverse("membership:nomination_create", kwargs={"pk": call.pk})


def _label(html: str, field_id: str) -> str:
    return re.search(rf'<label for="{field_id}">(.*?)</label>', html, re.S).group(1)


def test_required_markers_follow_the_calls_deputy_rule(client, nominate):
    call, url = nominate
    html = client.get(url).content.decode()
    for name in ("deputy_name", "deputy_email", "deputy_role"):
        assert "(pakollinen)" in _label(html, f"id_{name}"), name
        assert re.search(
            rf'id="id_{name}"[^>]*aria-required="true"|aria-required="true"[^>]*id="id_{name}"', html
        )
    assert "(pakollinen)" not in _label(html, "id_deputy_phone")
    # A required radio group offers no "---------" and has nothing checked.
    assert "---------" not in html.split('id="id_representative_capacity_group"')[1].split("</fieldset>")[0]
    assert 'aria-describedby=""' not in html

    call.personal_deputies = False
    call.save()
    assert "(pakollinen)" not in _label(client.get(url).content.decode(), "id_deputy_name")


def test_failed_submit_lists_every_error_at_once_with_links_to_the_controls(client, nominate):
    _, url = nominate
    response = client.post(url, {"action": "submit", "representative_name": "Raili Edustaja"})
    html = response.content.decode()
    summary = html.split("data-error-summary")[1].split("</div>")[0]
    links = re.findall(r'href="([^"]*)"', summary)
    assert "#" not in links and all(re.search(rf'id="{href[1:]}"', html) for href in links), links
    assert "#id_representative_capacity_0" in links
    # The deputy rule's errors come with the rest, not in a second round.
    for name in ("deputy_name", "deputy_email", "deputy_role", "deputy_capacity"):
        assert any(href.startswith(f"#id_{name}") for href in links), name
    assert 'value="Raili Edustaja"' in html


def _render(source: str, **context) -> str:
    return Template("{% load portal %}" + source).render(Context(context))


def test_content_falling_back_to_finnish_is_marked():
    call = CallFactory(criteria_fi="Kriteerit", criteria_sv="", title_sv="Ansökan")
    with translation.override("sv"):
        assert _render('<div{% lang_of call "criteria" %}>', call=call) == '<div lang="fi">'
        assert _render('{% translated call "title" %}', call=call) == "Ansökan"
        assert _render('{% content_lang "fi" %}') == ' lang="fi"'
    with translation.override("en"):
        assert _render('{% translated call "criteria" %}', call=call) == '<span lang="fi">Kriteerit</span>'
    with translation.override("fi"):
        assert _render('<div{% lang_of call "criteria" %}>', call=call) == "<div>"
        assert _render('{% content_lang "fi" %}') == ""


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", ["osittain", "Traficom", "saavutettavuusvaatimukset.fi", "1.12.2026"]),
        ("sv", ["delvis", "Traficom", "tillganglighetskrav.fi", "1.12.2026"]),
        ("en", ["partially", "Traficom", "webaccessibility.fi", "1 December 2026"]),
    ],
)
def test_accessibility_statement_has_the_laws_content(client, language, words):
    SitePage.objects.filter(slug=SitePage.Slug.ACCESSIBILITY).delete()  # the text of a fresh install
    with translation.override(language):
        html = client.get(reverse("membership:accessibility")).content.decode()
    for word in words:
        assert word in html, (language, word)


def test_english_dates_are_day_first():
    with translation.override("en"):
        assert _render('{{ day|date:"SHORT_DATE_FORMAT" }}', day=datetime.date(2026, 12, 1)) == "1.12.2026"
        assert _render("{{ day|date }}", day=datetime.date(2026, 12, 1)) == "1 December 2026"
