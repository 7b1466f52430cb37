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


def test_a_seat_ended_on_a_past_day_ends_only_its_role_and_signs_its_holder_out(staff_user):
    import datetime

    from django.contrib.sessions.models import Session
    from django.test import Client
    from django.utils import timezone

    from membership.calls import decision, members
    from membership.services import assign_role

    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    term = {"starts_on": today - datetime.timedelta(days=30), "ends_on": today + datetime.timedelta(days=300)}
    holder, neighbour = UserFactory(), UserFactory()
    ended_seat, other_seat = SeatFactory(user=holder, **term), SeatFactory(user=neighbour, **term)
    for seat in (ended_seat, other_seat):
        decision.grant_member_role(seat, acting_user=None)
    board = assign_role(holder, Role.BOARD)
    sessions = {}
    for user in (holder, neighbour):
        client = Client()
        client.force_login(user)
        sessions[user.pk] = client.session.session_key
    members.resign(ended_seat, yesterday, "muutto", acting_user=staff_user)
    ended = ended_seat.role_assignments.get()
    assert ended.ends_on == yesterday
    assert ended.history.latest().history_user == staff_user
    # Only the seat's own role: the holder's board role and the other seat's role stay as they were.
    board.refresh_from_db()
    assert board.ends_on is None
    assert other_seat.role_assignments.get().ends_on == other_seat.last_day
    # The council-member role is lost today, so the holder's session ends; the neighbour's stays.
    assert not Session.objects.filter(session_key=sessions[holder.pk]).exists()
    assert Session.objects.filter(session_key=sessions[neighbour.pk]).exists()
