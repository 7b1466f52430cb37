"""A create form posted twice with its one-time token creates one record and shows it both times."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from grants.models import Grant, Payment
from membership.kernel.submission import TOKEN_FIELD
from membership.models import Role, Submission
from tests.factories import OrganisationFactory, user_with_role
from tests.grants.factories import GrantFactory


def _grant_data(token: str) -> dict:
    return {
        "organisation": OrganisationFactory().pk,
        "funder": "county",
        "year": 2025,
        "activity": "Kerho",
        "amount_applied": "1000",
        "amount_granted": "900",
        "status": "granted",
        TOKEN_FIELD: token,
    }


@pytest.mark.django_db
def test_the_create_page_carries_a_fresh_token_each_time(staff_client):
    first = staff_client.get(reverse("grants:grant_create")).context["form"][TOKEN_FIELD].value()
    second = staff_client.get(reverse("grants:grant_create")).context["form"][TOKEN_FIELD].value()
    assert first and second and first != second
    assert f'name="{TOKEN_FIELD}"' in staff_client.get(reverse("grants:grant_create")).content.decode()


@pytest.mark.django_db
def test_a_resent_grant_form_creates_one_grant_and_shows_it(staff_client):
    data = _grant_data("token-1")
    first = staff_client.post(reverse("grants:grant_create"), data)
    second = staff_client.post(reverse("grants:grant_create"), data)
    grant = Grant.objects.get()
    assert first["Location"] == second["Location"] == reverse("grants:grant_detail", args=[grant.pk])
    # Another token is another submission.
    staff_client.post(reverse("grants:grant_create"), {**data, "activity": "Toinen", TOKEN_FIELD: "t2"})
    assert Grant.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_submission_leaves_its_token_unused(staff_client):
    grant = GrantFactory()
    url = reverse("grants:payment_add", args=[grant.pk])
    too_much = {"planned_on": "2025-02-01", "planned_amount": "999999", TOKEN_FIELD: "pay-1"}
    assert staff_client.post(url, too_much).status_code == 200
    assert not Submission.objects.exists()
    fixed = {**too_much, "planned_amount": "100"}
    assert staff_client.post(url, fixed).status_code == 302
    assert staff_client.post(url, fixed).status_code == 302
    assert Payment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_parallel_posts_of_the_new_grant_form_create_one_grant():
    staff = user_with_role(Role.STAFF)
    data = _grant_data("parallel-1")
    answers, barrier = [], threading.Barrier(2)

    def post():
        client = Client()
        client.force_login(staff)
        barrier.wait()
        answers.append(client.post(reverse("grants:grant_create"), data)["Location"])
        connection.close()

    if connection.vendor == "postgresql":
        threads = [threading.Thread(target=post) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        # SQLite's in-memory test database cannot take two writing threads; CI runs on PostgreSQL.
        barrier = threading.Barrier(1)
        post()
        post()
    grant = Grant.objects.get()
    assert answers == [reverse("grants:grant_detail", args=[grant.pk])] * 2
