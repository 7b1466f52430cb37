"""Bad input on the main forms: the same error path everywhere (includes/error_summary.html).

A submit with missing or wrong input shows the error summary with focus on it, every link of the
summary leads to a control of the form, and what the user typed is still there.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from membership.models import Role
from tests.council.factories import make_meeting
from tests.factories import OrganisationFactory, contact_of, user_with_role
from tests.membership.call_factories import CallFactory, add_seats

TYPED = "Kirjoitettu teksti"


def _nomination():
    call = CallFactory()
    add_seats(call)
    return contact_of(OrganisationFactory()), reverse("membership:nomination_create", kwargs={"pk": call.pk})


def _staff(url_name, **kwargs):
    def make():
        return user_with_role(Role.STAFF), reverse(url_name, kwargs=kwargs)

    return make


def _agenda_item():
    meeting = make_meeting()
    return user_with_role(Role.STAFF), reverse("council:item_create", kwargs={"meeting_pk": meeting.pk})


FORMS = {
    "nomination": _nomination,
    "organisation": lambda: (contact_of(OrganisationFactory()), reverse("membership:organisation_create")),
    "grant": _staff("grants:grant_create"),
    "reading upload": _staff("actionplan:upload"),
    "agenda item": _agenda_item,
    "report definition": _staff("reports:definition_create"),
}


@pytest.mark.parametrize("form_name", FORMS)
def test_failed_submit_focuses_the_summary_and_keeps_the_input(browse, form_name):
    with translation.override("fi"):
        user, url = FORMS[form_name]()
    page = browse(user)
    page.set_default_timeout(60000)  # a shared, loaded CI machine
    page.visit(url)
    form = page.locator("main form[method=post]").last
    text_inputs = form.locator("input[type=text]:visible, textarea:visible")
    typed_into = None
    if text_inputs.count():
        # The last text field: usually optional, so the required ones still fail.
        typed_into = text_inputs.last.get_attribute("id")
        text_inputs.last.fill(TYPED)
    form.locator("button[type=submit]").first.click()
    page.wait_for_selector("[data-error-summary]")
    page.wait_for_load_state("load")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')"), form_name
    links = page.locator("[data-error-summary] a")
    assert links.count() >= 1
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        assert href.startswith("#") and len(href) > 1, href
        target = page.locator(href)
        assert target.count() == 1, f"{form_name}: {href} leads nowhere"
        assert target.evaluate("e => ['input', 'select', 'textarea'].includes(e.tagName.toLowerCase())"), href
    # Following a link by keyboard focuses its control.
    links.first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == links.first.get_attribute("href")[1:]
    if typed_into:
        assert page.locator(f"#{typed_into}").input_value() == TYPED
    page.check_axe()
