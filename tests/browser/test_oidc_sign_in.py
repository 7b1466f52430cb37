"""Sign-in through a real OpenID provider (node-oidc-provider on 127.0.0.1) in chromium.

The portal's CSP must let allauth's "Continue" form go on to the provider; one redirect URI
outside the language prefix serves every language; a verified e-mail links the existing
account, an unverified one never does; a new person gets the role they were invited to.
"""

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.test import override_settings

from membership.models import Invitation, Role
from membership.roles import roles_of
from membership.services import invite_to_role
from tests.browser.conftest import check_axe
from tests.factories import UserFactory

PEERS = Path(__file__).resolve().parent.parent / "peers"
ACCOUNTS = {
    "new-person": {
        "email": "uusi.henkilo@example.fi",
        "email_verified": True,
        "given_name": "Uusi",
        "family_name": "Henkilö",
    },
    "existing-member": {
        "email": "olemassa@example.fi",
        "email_verified": True,
        "given_name": "Olli",
        "family_name": "Olemassa",
    },
    "unverified": {
        "email": "vahvistamaton@example.fi",
        "email_verified": False,
        "given_name": "Ville",
        "family_name": "Vahvistamaton",
    },
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def oidc_provider(live_server, tmp_path):
    if shutil.which("node") is None or not (PEERS / "node_modules" / "oidc-provider").exists():
        raise pytest.UsageError("run `npm ci` in tests/peers (CI does) for the OpenID provider")
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    callback = f"{live_server.url}/accounts/oidc/county/login/callback/"
    log = tmp_path / "oidc.log"
    process = subprocess.Popen(
        ["node", "oidc_provider.mjs"],
        cwd=PEERS,
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "PORT": str(port),
            "CLIENT_ID": "portal",
            "CLIENT_SECRET": "portal-test-secret",
            "REDIRECT_URI": callback,
            "ACCOUNTS": json.dumps(ACCOUNTS),
        },
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while "ready" not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the OpenID provider did not start: {log.read_text()}")
        time.sleep(0.2)
    providers = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "county",
                    "name": "VAKE-tunnistus",
                    "client_id": "portal",
                    "secret": "portal-test-secret",
                    "settings": {"server_url": issuer, "token_auth_method": "client_secret_post"},
                }
            ],
        }
    }
    from django.conf import settings

    csp = json.loads(json.dumps(settings.CONTENT_SECURITY_POLICY))
    csp["DIRECTIVES"]["form-action"] = ["'self'", issuer]
    with override_settings(SOCIALACCOUNT_PROVIDERS=providers, CONTENT_SECURITY_POLICY=csp):
        yield issuer
    process.terminate()
    process.wait(timeout=10)


def sign_in_at_provider(browse, account: str):
    page = browse()
    page.set_default_timeout(60000)  # three servers (portal, provider, chromium) on a busy machine
    page.visit("/fi/accounts/login/")
    page.get_by_role("link", name="VAKE-tunnistus").click()
    check_axe(page)  # allauth's "Continue" page, in the portal's layout
    page.get_by_role("button").filter(has_text="Jatka").click()
    page.locator("input[name=login]").fill(account)
    page.locator("input[name=password]").fill("any")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()  # the provider's consent page
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.django_db(transaction=True)
def test_new_person_signs_in_and_gets_the_role_they_were_invited_to(browse, oidc_provider):
    inviter = UserFactory()
    invite_to_role("uusi.henkilo@example.fi", Role.MEMBER, inviter)
    page = sign_in_at_provider(browse, "new-person")
    assert page.url.endswith("/fi/my/"), page.url
    check_axe(page)
    account = SocialAccount.objects.get(uid="new-person")
    assert account.user.email == "uusi.henkilo@example.fi"
    assert EmailAddress.objects.get(email="uusi.henkilo@example.fi").verified
    assert Role.MEMBER in roles_of(account.user)
    assert Invitation.objects.get(email="uusi.henkilo@example.fi").accepted_by == account.user


@pytest.mark.django_db(transaction=True)
def test_existing_member_with_the_verified_email_is_linked(browse, oidc_provider):
    existing = UserFactory(email="olemassa@example.fi")
    page = sign_in_at_provider(browse, "existing-member")
    assert page.url.endswith("/fi/my/"), page.url
    assert SocialAccount.objects.get(uid="existing-member").user == existing
    assert existing.__class__.objects.filter(email__iexact="olemassa@example.fi").count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_unverified_email_is_never_linked(browse, oidc_provider):
    existing = UserFactory(email="vahvistamaton@example.fi")
    page = sign_in_at_provider(browse, "unverified")
    assert not page.url.endswith("/fi/my/"), page.url
    assert not SocialAccount.objects.filter(user=existing).exists()
