import pytest
from django.core import mail
from django.urls import reverse

from membership.models import Invitation, Municipality, Organisation, PrhMainClass, Role, SeatCategory
from membership.validators import normalise_business_id
from tests.factories import OrganisationFactory, UserFactory, contact_of, user_with_role

pytestmark = pytest.mark.django_db


def organisation_data(**overrides):
    data = {
        "name_fi": "Vantaan Testiyhdistys ry",
        "name_sv": "",
        "business_id": "0112038-9",
        "association_number": "",
        "prh_class": PrhMainClass.objects.get(code="social-health").pk,
        "seat_category": SeatCategory.objects.get(code="older-people").pk,
        "municipalities": [Municipality.objects.get(code="092").pk],
        "contact_title": "puheenjohtaja",
        "website": "",
        "lahella_url": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("value", ["0112038-9", "1572860-0", "2331972-7", " 2331972-7 "])
def test_valid_business_ids_are_accepted_and_normalised(value):
    assert normalise_business_id(value) == value.strip()


def test_registering_makes_the_user_the_primary_contact(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("membership:organisation_create"), organisation_data())
    organisation = Organisation.objects.get(business_id="0112038-9")
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("membership:organisation_detail", args=[organisation.pk])
    link = organisation.contact_links.get()
    assert link.user == user and link.is_primary and link.title == "puheenjohtaja"
    assert list(organisation.municipalities.values_list("code", flat=True)) == ["092"]


def test_invalid_business_id_gets_a_finnish_message_and_keeps_input(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("membership:organisation_create"),
        organisation_data(business_id="0737546-1"),
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ei ole kelvollinen Y-tunnus: sen viimeinen numero (tarkistusnumero) ei täsmää" in html
    assert 'value="Vantaan Testiyhdistys ry"' in html
    assert 'class="error-summary"' in html
    assert not Organisation.objects.exists()


def test_a_business_id_of_the_wrong_form_is_told_the_form_with_a_valid_example(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("membership:organisation_create"),
        organisation_data(business_id="12345"),
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    html = response.content.decode()
    assert "ei ole Y-tunnus. Y-tunnuksessa on seitsemän numeroa" in html and "esimerkiksi 1234567-1" in html
    assert normalise_business_id("1234567-1") == "1234567-1"  # the example itself is valid


def test_duplicate_business_id_is_refused_with_a_clear_message(client):
    OrganisationFactory(business_id="0112038-9")
    client.force_login(UserFactory())
    response = client.post(
        reverse("membership:organisation_create"), organisation_data(business_id="01120389")
    )
    assert response.status_code == 200
    assert "Y-tunnuksella on jo rekisteröity järjestö" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_over_long_name_is_refused_without_500(client):
    client.force_login(UserFactory())
    response = client.post(reverse("membership:organisation_create"), organisation_data(name_fi="x" * 300))
    assert response.status_code == 200
    assert "enintään 200 merkkiä" in response.content.decode()


def test_ngo_contact_cannot_see_another_organisation(client):
    mine, other = OrganisationFactory(), OrganisationFactory()
    client.force_login(contact_of(mine))
    assert client.get(reverse("membership:organisation_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("membership:organisation_detail", args=[other.pk])).status_code == 404
    listing = client.get(reverse("membership:organisation_list")).content.decode()
    assert mine.name_fi in listing and other.name_fi not in listing


def test_colleague_invitation_is_emailed_and_accepted_only_by_that_address(
    client, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    inviter = contact_of(organisation)
    colleague = UserFactory(email="kollega@example.fi")
    stranger = UserFactory()
    client.force_login(inviter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("membership:organisation_invite", args=[organisation.pk]), {"email": colleague.email}
        )
    invitation = Invitation.objects.get()
    assert mail.outbox[0].to == [colleague.email]
    assert invitation.token in mail.outbox[0].body
    url = reverse("membership:invitation_accept", args=[invitation.token])
    client.force_login(stranger)
    client.post(url)
    assert not organisation.contact_links.filter(user=stranger).exists()
    client.force_login(colleague)
    client.post(url)
    assert organisation.contact_links.filter(user=colleague).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == colleague
    # Used once only.
    client.force_login(UserFactory(email="third@example.fi"))
    assert "vanhentunut tai jo käytetty" in client.get(url).content.decode()


def test_staff_invite_gives_the_staff_role(client, django_capture_on_commit_callbacks):
    client.force_login(user_with_role(Role.STAFF))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("membership:role_invitations"), {"email": "uusi@example.fi", "role": Role.STAFF})
    invitation = Invitation.objects.get(email="uusi@example.fi")
    newcomer = UserFactory(email="uusi@example.fi")
    client.force_login(newcomer)
    client.post(reverse("membership:invitation_accept", args=[invitation.token]))
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)
    assert Role.STAFF in newcomer.roles


def test_staff_cannot_invite_an_administrator(client):
    client.force_login(user_with_role(Role.STAFF))
    response = client.post(
        reverse("membership:role_invitations"), {"email": "x@example.fi", "role": Role.ADMIN}
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_organisation_list_query_budget_does_not_grow(client, django_assert_max_num_queries):
    staff = user_with_role(Role.STAFF)
    client.force_login(staff)
    budget = 14
    for count in (5, 60):
        OrganisationFactory.create_batch(count - Organisation.objects.count())
        with django_assert_max_num_queries(budget):
            response = client.get(reverse("membership:organisation_list"))
        assert response.status_code == 200


def test_staff_filter_by_municipality_and_search(client):
    kerava = Municipality.objects.get(code="245")
    OrganisationFactory(name_fi="Keravan Kuoro ry", municipalities=[kerava])
    OrganisationFactory(name_fi="Vantaan Vesi ry")
    client.force_login(user_with_role(Role.STAFF))
    html = client.get(reverse("membership:organisation_list"), {"municipality": kerava.pk}).content.decode()
    assert "Keravan Kuoro ry" in html and "Vantaan Vesi ry" not in html
    html = client.get(reverse("membership:organisation_list"), {"q": "vesi"}).content.decode()
    assert "Vantaan Vesi ry" in html and "Keravan Kuoro ry" not in html


def test_a_contact_can_be_removed_but_not_the_last_one(client):
    organisation = OrganisationFactory()
    first = contact_of(organisation)
    second = UserFactory()
    organisation.contact_links.create(user=second)
    client.force_login(first)
    first_link = organisation.contact_links.get(user=first)
    client.post(reverse("membership:organisation_contact_remove", args=[organisation.pk, first_link.pk]))
    assert list(organisation.contact_links.values_list("user", "is_primary")) == [(second.pk, True)]
    client.force_login(second)
    last = organisation.contact_links.get()
    response = client.post(
        reverse("membership:organisation_contact_remove", args=[organisation.pk, last.pk]), follow=True
    )
    assert "vähintään yksi yhteyshenkilö" in response.content.decode()
    assert organisation.contact_links.count() == 1
