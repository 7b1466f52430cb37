"""The council-member role names its seat by a foreign key; migration 0012 turned the old notes into it."""

import importlib

import pytest
from django.apps import apps

from membership.models import Role, RoleAssignment
from tests.factories import UserFactory

from .call_factories import SeatFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("membership.migrations.0012_role_assignment_council_membership")


def test_the_migration_turns_notes_into_links_and_back():
    seat = SeatFactory(user=UserFactory())
    noted = RoleAssignment.objects.create(
        user=seat.user, role=Role.MEMBER, note=f"council-membership:{seat.pk}"
    )
    gone = RoleAssignment.objects.create(user=seat.user, role=Role.MEMBER, note="council-membership:999999")
    other = RoleAssignment.objects.create(user=seat.user, role=Role.STAFF, note="Kesäsijainen")
    migration.notes_to_links(apps, None)
    noted.refresh_from_db()
    gone.refresh_from_db()
    other.refresh_from_db()
    assert (noted.council_membership, noted.note) == (seat, "")
    # A note naming a seat that no longer exists is left for a person to read.
    assert (gone.council_membership, gone.note) == (None, "council-membership:999999")
    assert (other.council_membership, other.note) == (None, "Kesäsijainen")
    migration.links_to_notes(apps, None)
    noted.refresh_from_db()
    assert noted.note == f"council-membership:{seat.pk}"
