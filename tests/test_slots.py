"""Page slots: every slot has a provider, every provider's template exists, and pages render them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.checks import run_checks
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import reverse

from membership import slots


def test_every_declared_slot_has_a_provider_with_a_template():
    errors = [e for e in run_checks() if e.id and e.id.startswith("membership.E10")]
    assert errors == []
    assert {"nav", "home.public", "home.associations", "home.staff", "dashboard", "organisation"} <= set(
        slots.slots()
    )
    assert "actionplan.measure" in slots.slots()


def test_a_slot_without_a_provider_or_with_a_missing_template_fails_the_check():
    slots.declare("test.empty", owner="tests", description="nobody fills this")
    slots.declare("test.broken", owner="tests", description="a missing template")
    slots.register("test.broken", "nowhere/_missing.html", app="tests")
    try:
        ids = sorted(e.id for e in slots.check_slots() if "test." in e.msg)
        assert ids == ["membership.E101", "membership.E103"]
    finally:
        slots._slots.pop("test.empty")
        slots._slots.pop("test.broken")
        slots._providers.pop("test.broken")


def test_an_unknown_slot_name_in_a_template_raises():
    template = Template('{% load slots %}{% slot "no.such.slot" %}')
    with pytest.raises((KeyError, TemplateSyntaxError)):
        template.render(Context({}))


@pytest.mark.django_db
def test_the_front_page_and_navigation_show_what_the_apps_registered(client):
    html = client.get(reverse("home")).content.decode()
    # council's and the action plan's public links, from their own partials through the slots
    assert html.count(reverse("council:archive")) >= 2
    assert reverse("actionplan:progress") in html
    assert reverse("grants:national") in html


@pytest.mark.django_db
def test_a_measure_page_lists_the_council_decisions_linked_to_it(client):
    from actionplan.models import Measure

    measure = Measure.objects.get(code="02.1")
    html = client.get(reverse("actionplan:measure_detail", args=[measure.pk])).content.decode()
    assert "measure-decisions" in html


@pytest.mark.django_db
def test_providers_context_function_sees_the_page(rf: RequestFactory):
    slots.declare("test.ctx", owner="tests", description="context")
    slots.register(
        "test.ctx",
        "council/_measure_decisions.html",
        app="tests",
        context=lambda page: {"measure_decisions": []},
    )
    request = rf.get("/")
    request.user = AnonymousUser()
    try:
        html = Template('{% load slots %}{% slot "test.ctx" %}').render(Context({"request": request}))
        assert "measure-decisions" in html
    finally:
        slots._slots.pop("test.ctx")
        slots._providers.pop("test.ctx")
