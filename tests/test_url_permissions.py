"""Walk every URL pattern of the portal with every role and check the answer.

Each app lists its URL names in tests/url_tables/<app>.py as
    CASES = {"namespace:name": (kwargs_factory or None, roles that may open it[, "post"])}
A third element "post" walks a POST-only view with an empty POST instead of a GET.
A URL pattern of the portal's own that no table lists, or a view that declares no access rule,
fails this test.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import url_tables
from tests.conftest import ROLE_KEYS

PORTAL_APPS = ("membership", "council", "actionplan", "grants", "reports", "config")
# Views that belong to the packages the portal uses; they carry their own access control.
THIRD_PARTY = (
    "allauth.",
    "django.contrib.admin",
    "django.views.i18n",
    "django.views.static",
    "django.views.generic",
)


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), entry.callback


def _portal_patterns():
    for name, callback in _walk(get_resolver().url_patterns):
        if name and name.startswith("admin:"):
            continue  # the admin site checks its users itself; see the last test
        module = getattr(callback, "__module__", "")
        view_class = getattr(callback, "view_class", None)
        if view_class is not None:
            module = view_class.__module__
        if module.startswith(THIRD_PARTY):
            continue
        yield name, callback


def _tables():
    cases = {}
    for info in pkgutil.iter_modules(url_tables.__path__):
        module = importlib.import_module(f"tests.url_tables.{info.name}")
        cases.update(module.CASES)
    return cases


CASES = _tables()


def _rule(callback):
    return getattr(callback, "access_rule", None) or getattr(
        getattr(callback, "view_class", None), "access_rule", None
    )


def test_every_portal_view_declares_an_access_rule():
    missing = [name or repr(cb) for name, cb in _portal_patterns() if _rule(cb) is None]
    assert not missing, f"views without an access rule: {missing}"


def test_every_portal_url_is_in_a_permission_table():
    names = {name for name, _ in _portal_patterns()}
    assert None not in names, "every portal URL pattern needs a name"
    missing = sorted(names - set(CASES))
    assert not missing, f"URL names missing from tests/url_tables: {missing}"
    stale = sorted(set(CASES) - names)
    assert not stale, f"tables list URL names that no longer exist: {stale}"


@pytest.mark.parametrize("url_name", sorted(CASES))
def test_url_answers_each_role_as_the_table_says(url_name, world, client):
    kwargs_factory, allowed, *options = CASES[url_name]
    kwargs = kwargs_factory(world) if kwargs_factory else {}
    request = client.post if "post" in options else client.get
    url = reverse(url_name, kwargs=kwargs)
    login_url = reverse("account_login")
    for role in ROLE_KEYS:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        response = request(url)
        location = response.headers.get("Location", "")
        refused_to_login = response.status_code == 302 and location.startswith(login_url)
        if role in allowed:
            assert response.status_code in (200, 302), f"{url_name} as {role}: {response.status_code}"
            assert not refused_to_login, f"{url_name} as {role}: sent to sign in"
        elif role == "anon":
            assert refused_to_login, f"{url_name} as anonymous: {response.status_code} {location}"
        else:
            assert response.status_code in (403, 404), f"{url_name} as {role}: {response.status_code}"


def test_admin_site_is_for_administrators_only(world, client):
    url = reverse("admin:index")
    for role in ROLE_KEYS:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        response = client.get(url)
        assert (response.status_code == 200) == (role == "admin"), role
