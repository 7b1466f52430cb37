import datetime
import os
from dataclasses import dataclass, field

import pytest

from membership.models import Role

from .factories import OrganisationFactory, contact_of, user_with_role

ROLE_KEYS = ("anon", "ngo", "member", "board", "staff", "admin")
# The permission matrix's roles, in the order of the letters of tests/url_tables/.
MATRIX_ROLES = (
    "anon",
    "ngo",
    "ngo_other",
    "member",
    "deputy",
    "checker",
    "wg_member",
    "board",
    "staff",
    "admin",
)


def pytest_collection_modifyitems(config, items):
    """In CI the real services must be there: a test that needs them must not quietly pass without."""
    if os.environ.get("CI") and "postgresql" not in os.environ.get("DATABASE_URL", ""):
        raise pytest.UsageError("CI must run the tests against PostgreSQL: set DATABASE_URL.")
    # A transactional test empties every table afterwards, data migrations included (the council
    # body, report audiences, the action plan): serialized rollback restores them for the next one.
    for item in items:
        if not _transactional(item):
            continue
        names = item.fixturenames
        marker = item.get_closest_marker("django_db")
        if "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")
        # pytest-django reads serialized_rollback from a django_db marker when there is one (not from
        # the fixture), both to serialize the database at set-up and to restore it after the test.
        if marker is not None:
            kwargs = {**marker.kwargs, "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


def _transactional(item) -> bool:
    names = getattr(item, "fixturenames", [])
    marker = item.get_closest_marker("django_db")
    marked = marker is not None and bool(marker.kwargs.get("transaction") or marker.args[:1] == (True,))
    return marked or "transactional_db" in names or "live_server" in names


def _migration_rows_missing() -> bool:
    from actionplan.models import Plan
    from council.models import Body
    from grants.models import GrantType
    from membership.models import PrhMainClass
    from reports.models import Audience

    return not (
        PrhMainClass.objects.exists()
        and Body.objects.filter(kind=Body.Kind.COUNCIL).exists()
        and GrantType.objects.exists()
        and Audience.objects.exists()
        and Plan.objects.exists()
    )


@pytest.fixture(scope="session")
def migration_rows_copy(django_db_setup, django_db_blocker) -> str:
    """What the data migrations loaded, serialized once. Django keeps its copy on the connection
    object, which a browser test can replace (the copy is then gone and the next transactional test
    starts on an empty database), so the session keeps its own."""
    from django.db import connection

    with django_db_blocker.unblock():
        saved = getattr(connection, "_test_serialized_contents", None)
        return saved or connection.creation.serialize_db_to_string()


@pytest.fixture(scope="session", autouse=True)
def migration_rows_kept_for_the_next_run(request):
    """With --reuse-db (local `make test`) the next run starts from the database this one leaves:
    a transactional test at the end would leave it without the data migrations' rows."""
    if not request.config.getoption("reuse_db", False):
        yield
        return
    contents = request.getfixturevalue("migration_rows_copy")
    yield
    from django.db import connection

    with request.getfixturevalue("django_db_blocker").unblock():
        if _migration_rows_missing():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def migration_rows(request):
    """A transactional test empties every table afterwards: give serialized rollback the session's
    copy to restore the next test from, and load it if the rows are still gone. Autouse, so it runs
    before the fixtures that build on those rows (the URL matrix's world)."""
    if not _transactional(request.node):
        return
    from django.db import connection

    contents = request.getfixturevalue("migration_rows_copy")
    connection._test_serialized_contents = contents
    request.getfixturevalue("_django_db_helper")
    if _migration_rows_missing():
        connection.creation.deserialize_db_from_string(contents)


@dataclass
class World:
    """One user per role plus the objects the URL table needs, made once per test."""

    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)


@pytest.fixture
def world(db):
    w = World()
    w.users["anon"] = None
    organisation = OrganisationFactory()
    w.users["ngo"] = contact_of(organisation)
    w.objects["organisation"] = organisation
    w.objects["other_organisation"] = OrganisationFactory()
    w.users["member"] = user_with_role(Role.MEMBER)
    w.users["board"] = user_with_role(Role.BOARD)
    w.users["staff"] = user_with_role(Role.STAFF)
    w.users["admin"] = user_with_role(Role.ADMIN)
    return w


@pytest.fixture
def matrix_world(world):
    """The world of the permission matrix: every role; the administrator by the real role path."""
    from council.models import BodyMember
    from tests.council.factories import BodyFactory, seat

    from .factories import UserFactory

    w = world
    w.users["ngo_other"] = contact_of(w.objects["other_organisation"])
    w.users["deputy"] = user_with_role(Role.MEMBER)
    seat(user=w.users["member"], deputy_user=w.users["deputy"])
    w.users["checker"] = user_with_role(Role.MEMBER)
    seat(user=w.users["checker"])
    w.users["wg_member"] = UserFactory()
    group = BodyFactory()
    BodyMember.objects.create(
        body=group, user=w.users["wg_member"], full_name="Työryhmäläinen", starts_on=datetime.date(2025, 1, 1)
    )
    w.objects["working_group"] = group
    return w


@pytest.fixture
def staff_user(db):
    return user_with_role(Role.STAFF)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def ngo_user(db):
    organisation = OrganisationFactory()
    return contact_of(organisation)


@pytest.fixture
def ngo_client(client, ngo_user):
    client.force_login(ngo_user)
    return client


@pytest.fixture(autouse=True)
def finnish_by_default():
    """Each test starts in the default language: a request in another one must not leak into reverse()."""
    from django.utils import translation

    with translation.override("fi"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """The local-memory cache outlives a test: a cached API answer must not carry over to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
