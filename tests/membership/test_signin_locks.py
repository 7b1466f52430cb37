"""Sign-in throttling through allauth's real sign-in, TOTP and password-reset forms on the database."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from membership.models import Role, SignInLock, SignInLockLift
from membership.signin import services as signin
from tests.factories import TEST_PASSWORD, TOTP_SECRET, UserFactory, user_with_role, with_totp

pytestmark = pytest.mark.django_db
LOGIN = "/fi/accounts/login/"
# A Redis that is not there: the portal's tolerant cache against a closed port.
REDIS_DOWN = {
    "default": {
        "BACKEND": "config.cache.TolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def _sign_in(client, email, password, address="198.51.100.7"):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=address)


def _fail(client, email, times, address="198.51.100.7"):
    for _ in range(times):
        response = _sign_in(client, email, "väärä-salasana", address)
        assert response.status_code == 200
    return response


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _totp_code() -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2]))


def test_five_failures_lock_the_account_with_a_translated_message_that_tells_when(client):
    user = UserFactory(email="omistaja@example.fi")
    _fail(client, user.email, signin.FREE_FAILURES)
    lock = SignInLock.objects.get(email=user.email)
    assert lock.failures == 5 and lock.is_locked()
    assert lock.last_address == "198.51.100.7"

    # The right password from elsewhere is refused while locked, and no failure is counted.
    response = _sign_in(client, user.email, TEST_PASSWORD)
    html = response.content.decode()
    assert not _signed_in(client)
    assert "Liian monta epäonnistunutta kirjautumista tälle tilille" in html
    assert "salasanan vaihto" in html.lower()
    assert re.search(r"\d{1,2}[.:]\d{2}", html)  # the time to try again
    assert SignInLock.objects.get(email=user.email).failures == 5

    response = client.post(
        "/sv/accounts/login/", {"login": user.email, "password": TEST_PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert "För många misslyckade inloggningar" in response.content.decode()


def test_the_lock_backs_off_and_an_address_in_other_case_is_the_same_account(client):
    user = UserFactory(email="omistaja@example.fi")
    _fail(client, user.email, signin.FREE_FAILURES)
    first = SignInLock.objects.get().locked_until
    SignInLock.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    _fail(client, "OMISTAJA@example.fi", 1)
    lock = SignInLock.objects.get()
    assert lock.failures == 6
    assert lock.locked_until - lock.last_failure_at == timedelta(minutes=2)
    assert lock.locked_until > first
    assert signin.lock_duration(30) == signin.LONGEST_LOCK


def test_the_owners_own_browser_passes_the_lock_a_guesser_set(client):
    from django.test import Client

    user = UserFactory(email="omistaja@example.fi")
    assert _sign_in(client, user.email, TEST_PASSWORD).status_code == 302
    assert signin.DEVICE_COOKIE in client.cookies
    client.post(reverse("account_logout"))

    guesser = Client()
    _fail(guesser, user.email, signin.FREE_FAILURES, address="203.0.113.9")
    assert SignInLock.objects.get(email=user.email).is_locked()
    _sign_in(guesser, user.email, TEST_PASSWORD, "203.0.113.9")
    assert not _signed_in(guesser)

    response = _sign_in(client, user.email, TEST_PASSWORD)
    assert response.status_code == 302 and _signed_in(client)
    # The complete sign-in cleared the lock and wrote why.
    assert not SignInLock.objects.filter(email=user.email).exists()
    assert SignInLockLift.objects.get(email=user.email).reason == SignInLockLift.Reason.SIGN_IN


def test_a_successful_totp_clears_the_lock_but_the_password_alone_does_not(client):
    user = with_totp(UserFactory(email="hyte@example.fi"))
    _fail(client, user.email, 3)
    response = _sign_in(client, user.email, TEST_PASSWORD)
    assert response.status_code == 302 and "/2fa/authenticate/" in response.headers["Location"]
    assert SignInLock.objects.get(email=user.email).failures == 3  # password right, TOTP still due

    response = client.post(response.headers["Location"], {"code": _totp_code()}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302 and _signed_in(client)
    assert not SignInLock.objects.filter(email=user.email).exists()


def test_a_password_reset_lifts_the_lock(client):
    user = UserFactory(email="omistaja@example.fi")
    _fail(client, user.email, signin.FREE_FAILURES)
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+/", mail.outbox[-1].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    new_password = "uusi-pitka-salasana-2026"
    client.post(form.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})

    assert not SignInLock.objects.filter(email=user.email).exists()
    assert SignInLockLift.objects.get(email=user.email).reason == SignInLockLift.Reason.PASSWORD_RESET
    assert _sign_in(client, user.email, new_password).status_code == 302 and _signed_in(client)


def test_staff_see_the_lock_and_lift_it_with_history(client):
    user = UserFactory(email="omistaja@example.fi")
    _fail(client, user.email, signin.FREE_FAILURES)
    staff = user_with_role(Role.STAFF, email="hyte@example.fi")
    client.force_login(staff)

    page = client.get(reverse("membership:signin_locks")).content.decode()
    assert "omistaja@example.fi" in page and "Poista lukitus" in page
    lock = SignInLock.objects.get(email=user.email)

    response = client.post(reverse("membership:signin_lock_lift", args=[lock.pk]))
    assert response.status_code == 302
    lift = SignInLockLift.objects.get(email=user.email)
    assert lift.reason == SignInLockLift.Reason.STAFF and lift.lifted_by == staff and lift.failures == 5
    assert (
        "omistaja@example.fi"
        not in client.get(reverse("membership:signin_locks")).content.decode().split("<h2")[1]
    )

    client.post(reverse("account_logout"))
    assert _sign_in(client, user.email, TEST_PASSWORD).status_code == 302 and _signed_in(client)


def test_too_many_failures_from_one_address_stop_guessing_any_account(client):
    for n in range(signin.ADDRESS_FAILURES):
        _sign_in(client, f"arvaus{n}@example.fi", "väärä")
    user = UserFactory(email="toinen@example.fi")
    html = _sign_in(client, user.email, TEST_PASSWORD).content.decode()
    assert "verkko-osoitteestasi" in html and not _signed_in(client)
    # Another address is not held back.
    assert _sign_in(client, user.email, TEST_PASSWORD, address="192.0.2.44").status_code == 302


@override_settings(CACHES=REDIS_DOWN)
def test_with_redis_down_sign_in_works_and_the_account_lock_still_holds(client):
    user = UserFactory(email="omistaja@example.fi")
    _fail(client, user.email, signin.FREE_FAILURES)
    assert "tälle tilille" in _sign_in(client, user.email, TEST_PASSWORD).content.decode()
    other = UserFactory(email="toinen@example.fi")
    assert _sign_in(client, other.email, TEST_PASSWORD).status_code == 302 and _signed_in(client)


def test_sign_up_is_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = settings.ACCOUNT_RATE_LIMITS_IN_SERVICE
    statuses = []
    for n in range(11):
        response = client.post(
            "/fi/accounts/signup/",
            {
                "email": f"uusi{n}@example.fi",
                "first_name": "Uusi",
                "last_name": "Käyttäjä",
                "password1": "pitka-salasana-2026",
                "password2": "pitka-salasana-2026",
            },
            REMOTE_ADDR="198.51.100.20",
        )
        statuses.append(response.status_code)
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert "Liian monta yritystä" in response.content.decode()
