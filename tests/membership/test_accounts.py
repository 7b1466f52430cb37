import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

COUNTY_IDP = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "county",
                "name": "VAKE-tunnistus",
                "client_id": "portal",
                "secret": "s3cret",
                "settings": {"server_url": "https://login.example.fi/.well-known/openid-configuration"},
            }
        ],
    }
}


@override_settings(SOCIALACCOUNT_PROVIDERS=COUNTY_IDP)
def test_configured_identity_service_is_offered_on_the_login_page(client):
    html = client.get(reverse("account_login")).content.decode()
    assert "VAKE-tunnistus" in html
    assert "/accounts/oidc/county/login/" in html


def test_without_configuration_no_identity_service_is_offered(client):
    assert "/accounts/oidc/" not in client.get(reverse("account_login")).content.decode()


def test_unverified_email_cannot_sign_in(client):
    user = UserFactory(email="vahvistamaton@example.fi")
    user.emailaddress_set.update(verified=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert "/accounts/confirm-email/" in response.headers["Location"]
    assert "_auth_user_id" not in client.session


def test_signup_form_asks_for_a_name_and_refuses_a_weak_password_in_swedish(client):
    response = client.post(
        "/sv/accounts/signup/",
        {
            "email": "ny@example.fi",
            "first_name": "Nora",
            "last_name": "",
            "password1": "123",
            "password2": "123",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Korrigera följande" in html
    assert 'value="Nora"' in html


def test_a_signup_with_the_robot_trap_filled_is_refused_and_no_mail_is_sent(client, mailoutbox):
    from membership.models import User

    form = {
        "email": "robotti@example.fi",
        "first_name": "Robo",
        "last_name": "Tti",
        "password1": "pitkä-ja-vahva-salasana-42",
        "password2": "pitkä-ja-vahva-salasana-42",
    }
    page = client.get("/fi/accounts/signup/").content.decode()
    assert '<div class="trap">' in page and 'tabindex="-1"' in page
    refused = client.post("/fi/accounts/signup/", {**form, "homepage": "http://spam.example"})
    assert refused.status_code == 200
    assert "Lomaketta ei voitu hyväksyä" in refused.content.decode()
    assert not User.objects.filter(email="robotti@example.fi").exists() and not mailoutbox
    accepted = client.post("/fi/accounts/signup/", {**form, "homepage": ""})
    assert accepted.status_code == 302 and User.objects.filter(email="robotti@example.fi").exists()
