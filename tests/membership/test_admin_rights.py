"""The administrator role opens Django's admin with its permissions; ending a role ends its rights at once."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from membership import services
from membership.models import Role, RoleAssignment
from membership.rights import ADMIN_GROUP
from tests.factories import UserFactory, with_totp

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_invited_administrator_can_configure_in_the_admin():
    admin = UserFactory()
    with_totp(admin)
    invitation = services.invite_to_role(admin.email, Role.ADMIN, invited_by=UserFactory())
    services.accept_invitation(invitation, admin)
    admin.refresh_from_db()
    assert admin.is_staff and not admin.is_superuser
    assert admin.groups.filter(name=ADMIN_GROUP).exists()
    client = _signed_in(admin)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "Seat categories" in index.content.decode() or "Paikkaryhm" in index.content.decode()
    assert client.get(reverse("admin:membership_seatcategory_changelist")).status_code == 200
    assert client.get(reverse("admin:membership_seatcategory_add")).status_code == 200


def test_the_hyte_role_gives_no_admin():
    staff = UserFactory()
    services.assign_role(staff, Role.STAFF)
    staff.refresh_from_db()
    assert not staff.is_staff and not staff.groups.exists()


def test_ending_the_administrator_role_ends_admin_groups_and_sessions_at_once():
    admin = UserFactory()
    with_totp(admin)
    assignment = services.assign_role(admin, Role.ADMIN)
    client = _signed_in(admin)
    other = _signed_in(UserFactory())
    assert client.get(reverse("admin:index")).status_code == 200
    services.end_role(
        RoleAssignment.objects.get(pk=assignment.pk), timezone.localdate() - datetime.timedelta(days=1)
    )
    admin.refresh_from_db()
    assert not admin.is_staff and not admin.groups.exists()
    assert Session.objects.count() == 1  # the other person's session stays
    assert other.get(reverse("home")).status_code == 200
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_role_that_lapsed_on_its_date_closes_the_admin_without_any_action():
    admin = UserFactory()
    with_totp(admin)
    services.assign_role(admin, Role.ADMIN)
    client = _signed_in(admin)
    RoleAssignment.objects.filter(user=admin).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
