"""The comboboxes' search endpoints: bounded answers to any input, and only what the form may offer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from membership.combobox import LIMIT, MAX_LENGTH
from membership.models import NominationCall, Role, SeatCategory
from tests.factories import OrganisationFactory, UserFactory, contact_of, user_with_role
from tests.membership.call_factories import CallFactory, add_seats

pytestmark = pytest.mark.django_db


def _url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def _search(client, url: str, q):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {} if q is None else {"q": q})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture
def staff_client(client):
    client.force_login(user_with_role(Role.STAFF))
    return client


@pytest.fixture
def many():
    return [OrganisationFactory(name_fi=f"Kerhoyhdistys {n} ry") for n in range(LIMIT + 5)]


@pytest.mark.parametrize(
    "q, status",
    [
        (None, "Type at least 2 characters to search."),
        ("", "Type at least 2 characters to search."),
        ("  k  ", "Type at least 2 characters to search."),
        ("x" * 2000, f"The search is too long: use at most {MAX_LENGTH} characters."),
        ("ei tällaista yhdistystä", "No matches for “ei tällaista yhdistystä”."),
        ("\x00\x00", "Type at least 2 characters to search."),
        ("kerho\x00zzz", "No matches for “kerho zzz”."),
        ("%_\\'\"<script>", "No matches for “%_\\&#x27;&quot;&lt;script&gt;”."),
    ],
)
def test_bad_input_gets_a_clear_answer_without_a_search(staff_client, many, q, status):
    url = _url("grants:organisation_search")
    _page, baseline = _search(staff_client, url, None)
    page, queries = _search(staff_client, url, q)
    assert status in page
    assert 'role="option"' not in page
    # Too short or too long: no query beyond the request's own (session, user, roles).
    if q is None or len(q.strip()) < 2 or len(q) > MAX_LENGTH:
        assert queries == baseline


def test_many_matches_are_cut_at_the_limit_and_say_so(staff_client, many):
    page, _queries = _search(staff_client, _url("grants:organisation_search"), "kerhoyhdistys")
    assert page.count('role="option"') == LIMIT
    assert f"The first {LIMIT} matches are shown" in page


def test_every_word_must_match_the_name_or_the_business_id(staff_client, many):
    wanted = many[3]
    page, _queries = _search(staff_client, _url("grants:organisation_search"), f"ry {wanted.business_id}")
    assert page.count('role="option"') == 1
    assert f'data-value="{wanted.pk}"' in page and "1 match." in page


def test_the_grants_organisation_search_is_staff_only(client, many):
    url = _url("grants:organisation_search")
    assert client.get(url, {"q": "kerho"}).status_code == 302
    client.force_login(contact_of(many[0]))
    assert client.get(url, {"q": "kerho"}).status_code == 403


def test_an_ngo_contact_finds_only_what_the_nomination_form_may_offer(client):
    call = CallFactory()
    add_seats(call, ["pensioners"])
    own = OrganisationFactory(name_fi="Eläkeläiset Oma ry")
    offered = OrganisationFactory(name_fi="Eläkeläiset Toinen ry")
    outside = OrganisationFactory(
        name_fi="Eläkeläiset Päihdetyö ry", seat_category=SeatCategory.objects.get(code="addictions")
    )
    url = _url("membership:call_organisation_search", pk=call.pk)
    assert client.get(url, {"q": "eläk"}).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url, {"q": "eläk"}).status_code == 403
    client.force_login(contact_of(own))
    page, _queries = _search(client, url, "eläkeläiset")
    assert f'data-value="{offered.pk}"' in page and f'data-value="{own.pk}"' in page
    assert f'data-value="{outside.pk}"' not in page
    draft = CallFactory(status=NominationCall.Status.DRAFT)
    draft_url = _url("membership:call_organisation_search", pk=draft.pk)
    assert client.get(draft_url, {"q": "eläk"}).status_code == 404
