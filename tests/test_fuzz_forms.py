"""A property-based fuzzer: generated bad input posted to every form the roles can reach.

Every URL of the permission tables whose page some role opens (200) is fetched as that role;
every POST form on it is then posted with generated values for each of its fields (hidden ones,
the submission token and lock versions included), with the session and a real CSRF token.
Any 5xx fails. FUZZ_POSTS sets the number of posts over all forms (a few hundred by default;
the nightly run sets 10 000 or more).
"""

from __future__ import annotations

import os
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_url_permissions import CASES
from tests.url_tables import ROLES

TOTAL_POSTS = int(os.environ.get("FUZZ_POSTS", "300"))
# Who opens a page first: the role most likely to see its whole form.
ROLE_ORDER = ("staff", "admin", "ngo", "member", "checker", "deputy", "wg_member", "board", "anon")
# Pages whose POST starts something other than a form of the portal.
NOT_FUZZED = {"account_logout", "set_language", "mfa_deactivate_totp", "mfa_generate_recovery_codes"}

BAD_TEXT = st.one_of(
    st.sampled_from(
        [
            "1e308",
            "-1e308",
            "NaN",
            "nan",
            "Infinity",
            "-Infinity",
            "1" + "0" * 30,
            "-1",
            "0",
            "",
            "9" * 40,
            "1,5",
            "1.005",
            "2026-02-30",
            "31.12.99999",
            "0000-00-00",
            "2026-Q9",
            "99999-H1",
            "a" * 300 + "@example.fi",
            "x@" + "y" * 250 + ".fi",
            "not an email",
            '=HYPERLINK("x")',
            "<script>alert(1)</script>",
            "'; DROP TABLE x; --",
            "\x00",
            "\u202e",
            "../../etc/passwd",
            "javascript:alert(1)",
            "http://" + "a" * 300,
            " ",
            "\r\n",
            "true",
            "[]",
            "{}",
        ]
    ),  # fmt: skip
    st.text(max_size=40),
    st.text(min_size=250, max_size=6000),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


class _Forms(HTMLParser):
    """The POST forms of a page: their action and the names of their fields (file fields apart)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.csrf = ""
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": set(), "files": set()}
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "select", "textarea") and attrs.get("name"):
            name = attrs["name"]
            if name == "csrfmiddlewaretoken":
                self.csrf = attrs.get("value", "")
            elif attrs.get("type") == "file":
                self._current["files"].add(name)
            elif attrs.get("type") not in ("submit", "button", "reset", "image"):
                self._current["fields"].add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _portal_path(action: str, page: str) -> str | None:
    path = action or page
    try:
        resolve(path.split("?")[0])
    except Resolver404:
        return None
    return path


def _targets(world) -> list[tuple[str, str, Client, dict]]:
    targets = []
    for name, (factory, get_letters, _post) in sorted(CASES.items()):
        if name in NOT_FUZZED:
            continue
        letters = dict(zip(ROLES, get_letters.replace(" ", ""), strict=True))
        role = next((r for r in ROLE_ORDER if letters.get(r) == "2"), None)
        if role is None:
            continue
        url = reverse(name, kwargs=factory(world) if factory else {})
        client = Client(enforce_csrf_checks=True)
        if world.users[role] is not None:
            client.force_login(world.users[role])
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            path = _portal_path(form["action"], url)
            if path and (form["fields"] or form["files"]):
                targets.append((f"{name} as {role}", path, client, {**form, "csrf": parser.csrf}))
    return targets


def _post(client: Client, path: str, form: dict, values: dict, payload: bytes):
    data = {"csrfmiddlewaretoken": form["csrf"], **values}
    for name in form["files"]:
        data[name] = SimpleUploadedFile("tiedosto.pdf", payload, content_type="application/pdf")
    return client.post(path, data)


def test_no_generated_input_reaches_a_server_error(matrix_world):
    targets = _targets(matrix_world)
    assert len(targets) >= 40, [t[0] for t in targets]
    per_form = max(2, -(-TOTAL_POSTS // len(targets)))  # rounded up: at least TOTAL_POSTS in all
    posts = 0
    for label, path, client, form in targets:
        fields = sorted(form["fields"])

        @settings(
            max_examples=per_form,
            deadline=None,
            database=None,
            derandomize=not os.environ.get("FUZZ_RANDOM"),
            suppress_health_check=list(HealthCheck),
        )
        @given(values=st.fixed_dictionaries(dict.fromkeys(fields, BAD_TEXT)), payload=st.binary(max_size=64))
        def fuzz(values, payload):
            nonlocal posts
            response = _post(client, path, form, values, payload)
            posts += 1
            assert response.status_code < 500, f"{label}: {response.status_code} for {values!r}"
            assert response.status_code != 403 or b"CSRF" not in response.content, f"{label}: CSRF refused"

        fuzz()
    print(f"fuzzer: {posts} posts to {len(targets)} forms")
    assert posts >= TOTAL_POSTS
