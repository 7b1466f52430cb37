"""The cached fragments of the signed-in lists never show yesterday's options or readings.

The grants list's filter form (membership/kernel/filtering.py) and the plan progress
(actionplan/progress.py) are cached under a key of what they show, so a change is visible on
the very next request, with no invalidation to forget.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from actionplan import services
from actionplan.models import Indicator
from membership.models import Role
from tests.factories import user_with_role
from tests.grants.factories import GrantRoundFactory

pytestmark = pytest.mark.django_db


def test_a_new_grant_round_is_an_option_of_the_cached_filter_form_at_once(staff_client):
    url = reverse("grants:grant_list")
    assert "Kesäavustukset 2031" not in staff_client.get(url).content.decode()
    grant_round = GrantRoundFactory(name="Kesäavustukset", year=2031)
    page = staff_client.get(url).content.decode()
    assert f'<option value="{grant_round.pk}">Kesäavustukset 2031</option>' in page


def test_the_filter_form_keeps_the_submitted_values_and_errors(staff_client):
    url = reverse("grants:grant_list")
    staff_client.get(url)
    page = staff_client.get(url, {"year": "abc"}).content.decode()
    assert 'name="year" value="abc"' in page
    assert 'aria-invalid="true"' in page


def test_a_new_reading_shows_on_the_cached_progress_page_at_once(client):
    plan = services.current_plan()
    staff = user_with_role(Role.STAFF)
    client.force_login(staff)
    with translation.override("en"):
        url = reverse("actionplan:progress")
    period = services.ensure_period(plan, "2026-Q1")
    indicator = Indicator.objects.get(code="01.1.b")
    services.record_reading(indicator, period, "3.2", acting_user=staff)
    assert "3.2 / 5" in client.get(url).content.decode()
    services.record_reading(indicator, period, "4.1", acting_user=staff, correction_reason="Korjattu luku")
    page = client.get(url).content.decode()
    assert "4.1 / 5" in page and "3.2 / 5" not in page


def test_a_renamed_classification_shows_in_the_cached_filter_form_at_once(staff_client):
    from membership.models import SeatCategory

    url = reverse("grants:grant_list")
    staff_client.get(url)
    category = SeatCategory.objects.order_by("pk").first()
    category.name_fi = "Uudelleen nimetty ryhmä"
    category.save()  # as the admin does: the classifications' data version moves
    assert (
        f'<option value="{category.pk}">Uudelleen nimetty ryhmä</option>'
        in staff_client.get(url).content.decode()
    )
