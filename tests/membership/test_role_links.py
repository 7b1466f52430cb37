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


def test_resigning_ends_the_seats_own_role_and_the_history_names_who_recorded_it(staff_user):
    import datetime

    from django.utils import timezone

    from membership.calls import decision, members

    today = timezone.localdate()
    user = UserFactory()
    term = {"starts_on": today - datetime.timedelta(days=30), "ends_on": today + datetime.timedelta(days=300)}
    resigning, other = SeatFactory(user=user, **term), SeatFactory(user=user, position="expert", **term)
    deputy = SeatFactory(position="deputy", deputy_of=resigning, **term)
    for seat in (resigning, other):
        decision.grant_member_role(seat, acting_user=None)
    successor = members.resign(resigning, today, "muutto", new_name="Uusi Jäsen", acting_user=staff_user)
    ended, kept = resigning.role_assignments.get(), other.role_assignments.get()
    assert ended.ends_on == today and kept.ends_on == other.ends_on  # the same person's other seat stays
    assert ended.history.latest().history_user == staff_user
    assert resigning.history.latest().history_user == staff_user
    assert successor.history.get().history_user == staff_user
    deputy.refresh_from_db()
    assert deputy.deputy_of == successor
    assert deputy.history.latest().history_user == staff_user
