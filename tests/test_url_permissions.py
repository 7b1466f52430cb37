"""The permission matrix: every URL pattern (the portal's, allauth's and the admin's) × every role ×
GET and POST, against the exact answers in tests/url_tables/ (its docstring tells the format).

A URL pattern that no table lists, a portal view that declares no access rule, or a 5xx fails.
With URL_MATRIX_RECORD=FILE the observed answers are also written to FILE as table lines.
"""

from __future__ import annotations

import importlib
import os
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import url_tables
from tests.url_tables import CODES, ROLES
from tests.url_tables import admin as admin_table

PORTAL_APPS = ("membership", "council", "actionplan", "grants", "reports", "config")
THIRD_PARTY = ("allauth.", "django.contrib.admin", "django.views.i18n", "django.views.generic")


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), entry.callback


def _patterns():
    return [(name, callback) for name, callback in _walk(get_resolver().url_patterns) if name]


def _module(callback) -> str:
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__ if hasattr(view_class or callback, "__module__") else ""


def _portal_patterns():
    for name, callback in _patterns():
        if not name.startswith("admin:") and not _module(callback).startswith(THIRD_PARTY):
            yield name, callback


def _tables() -> dict:
    cases = {}
    for info in pkgutil.iter_modules(url_tables.__path__):
        module = importlib.import_module(f"tests.url_tables.{info.name}")
        cases.update(getattr(module, "CASES", {}))
    return cases


CASES = _tables()
ADMIN_NAMES = sorted(name for name, _ in _patterns() if name.startswith("admin:"))


def _rule(callback):
    return getattr(callback, "access_rule", None) or getattr(
        getattr(callback, "view_class", None), "access_rule", None
    )


def test_every_portal_view_declares_an_access_rule():
    missing = [name for name, cb in _portal_patterns() if _rule(cb) is None]
    assert not missing, f"views without an access rule: {missing}"


def test_every_url_is_in_a_permission_table():
    names = {name for name, _ in _patterns() if not name.startswith("admin:")}
    missing = sorted(names - set(CASES))
    assert not missing, f"URL names missing from tests/url_tables: {missing}"
    stale = sorted(set(CASES) - names)
    assert not stale, f"tables list URL names that no longer exist: {stale}"


def _letter(response, login_urls) -> str:
    if response.status_code >= 500:
        return "X"
    if response.status_code in (301, 302, 303):
        location = response.headers.get("Location", "")
        return "L" if location.startswith(login_urls) else "R"
    return CODES.get(response.status_code, "?")


def _answers(client, world, url: str, method: str) -> str:
    login_urls = (reverse("account_login"),)
    letters = []
    for role in ROLES:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        response = client.get(url) if method == "GET" else client.post(url)
        letters.append(_letter(response, login_urls))
    return "".join(letters)


def _record(name: str, get: str, post: str) -> None:
    target = os.environ.get("URL_MATRIX_RECORD")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f'    "{name}": (..., "{get}", "{post}"),\n')


def _check(client, world, name: str, url: str, expected: tuple[str, str]) -> None:
    got = (_answers(client, world, url, "GET"), _answers(client, world, url, "POST"))
    _record(name, *got)
    want = tuple(letters.replace(" ", "") for letters in expected)
    assert "X" not in "".join(got), f"{name}: a server error in {got} (roles {ROLES})"
    assert got == want, f"{name}: got GET {got[0]} POST {got[1]}, table says {want} (roles {ROLES})"


@pytest.mark.parametrize("url_name", sorted(CASES))
def test_url_answers_each_role_as_the_table_says(url_name, matrix_world, client):
    kwargs_factory, get, post = CASES[url_name]
    kwargs = kwargs_factory(matrix_world) if kwargs_factory else {}
    _check(client, matrix_world, url_name, reverse(url_name, kwargs=kwargs), (get, post))


@pytest.mark.parametrize("url_name", ADMIN_NAMES)
def test_admin_url_answers_each_role_as_its_rule_says(url_name, matrix_world, client):
    url, expected = admin_table.case(url_name)
    _check(client, matrix_world, url_name, url, expected)


def test_the_matrix_counts():
    """The figures the note gives: URL patterns and cells (pattern × role × method)."""
    patterns = len(CASES) + len(ADMIN_NAMES)
    # The OpenID callback is also served outside the language prefix (one redirect URI): one name.
    assert patterns == len({name for name, _ in _patterns()})
    assert len(ROLES) == 10
