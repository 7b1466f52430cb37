"""Review, the composition board (htmx), the board's decision and the council that follows."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from membership.calls import decision, members, services
from membership.calls.privacy import anonymise_expired_nominations, export_personal_data
from membership.models import CouncilMembership, Nomination, NominationCall, Role, SeatCategory
from membership.roles import has_role
from tests.factories import OrganisationFactory, UserFactory, contact_of

from .call_factories import CallFactory, NominationFactory, SeatFactory, add_seats

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    call = CallFactory(
        closes_at=timezone.now() - datetime.timedelta(days=1),
        term_starts_on=timezone.localdate() - datetime.timedelta(days=1),
        term_ends_on=timezone.localdate() + datetime.timedelta(days=700),
        has_vice_chair=False,
    )
    add_seats(call, ["pensioners"], low=1, high=1)
    return call


def test_board_toggle_by_htmx_returns_the_updated_checks(staff_client, call):
    nomination = NominationFactory(call=call)
    url = reverse("membership:proposal_toggle", args=[call.pk])
    board = staff_client.get(reverse("membership:composition_board", args=[call.pk]))
    assert "Esitetty 1 paikka" not in board.content.decode()
    response = staff_client.post(url, {"add": nomination.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<h1>" not in response.content  # the partial only
    assert "Esitetty 1 paikka" in response.content.decode()
    assert "noudattaa haun sääntöjä" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.in_proposal
    second = NominationFactory(call=call)
    response = staff_client.post(url, {"add": second.pk}, HTTP_HX_REQUEST="true")
    assert "enintään 1 sallittu" in response.content.decode()
    response = staff_client.post(url, {"remove": nomination.pk})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert not nomination.in_proposal


def test_scoring_with_a_comment(staff_client, call):
    nomination = NominationFactory(call=call)
    staff_client.post(
        reverse("membership:nomination_review", args=[nomination.pk]), {"score": "4", "score_comment": "Hyvä"}
    )
    nomination.refresh_from_db()
    assert (nomination.score, nomination.score_comment) == (4, "Hyvä")


def test_nomination_list_filters_by_category_and_status(staff_client, call):
    add_seats(call, ["older-people"])
    NominationFactory(call=call, representative_name="Eläke Edustaja")
    NominationFactory(
        call=call,
        representative_name="Vanhus Edustaja",
        organisation=OrganisationFactory(seat_category=SeatCategory.objects.get(code="older-people")),
        status=Nomination.Status.DRAFT,
    )
    url = reverse("membership:nomination_list", args=[call.pk])
    older = SeatCategory.objects.get(code="older-people")
    content = staff_client.get(url, {"seat_category": older.pk}).content.decode()
    assert "Vanhus Edustaja" in content and "Eläke Edustaja" not in content
    content = staff_client.get(url, {"status": "submitted"}).content.decode()
    assert "Eläke Edustaja" in content and "Vanhus Edustaja" not in content
    content = staff_client.get(url, {"q": "vanhus"}).content.decode()
    assert "Vanhus Edustaja" in content and "Eläke Edustaja" not in content


def test_decision_refused_while_a_broken_rule_has_no_reason(staff_client, call):
    NominationFactory(call=call)
    response = staff_client.post(
        reverse("membership:call_decision", args=[call.pk]),
        {"body": "Lautakunta", "date": "2026-01-10", "section": "§ 4"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Valitse, mitä lautakunta päätti" in html
    assert 'value="§ 4"' in html  # nothing typed is lost
    assert not CouncilMembership.objects.exists()


def test_decision_creates_seats_roles_and_emails(staff_client, call, django_capture_on_commit_callbacks):
    contact = UserFactory(preferred_language="sv")
    selected = NominationFactory(call=call, in_proposal=True, deputy_organisation=OrganisationFactory())
    contact_of(selected.organisation, contact)
    existing = UserFactory(email=selected.representative_email)
    rejected = NominationFactory(call=call)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("membership:call_decision", args=[call.pk]),
            {
                "body": "Lähidemokratia- ja osallisuuslautakunta",
                "date": timezone.localdate().isoformat(),
                "section": "§ 33",
                "chair_name": "Pia Puheenjohtaja",
                "chair_email": "pia@example.fi",
            },
        )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.is_decided and call.decision_section == "§ 33"
    member = CouncilMembership.objects.get(position="member")
    deputy = CouncilMembership.objects.get(position="deputy")
    chair = CouncilMembership.objects.get(position="chair")
    assert member.user == existing and member.nomination == selected
    assert member.seat_category == selected.seat_category
    assert (member.starts_on, member.ends_on) == (call.term_starts_on, call.term_ends_on)
    assert deputy.deputy_of == member and deputy.organisation == selected.deputy_organisation
    assert deputy.user is None and deputy.claim_token
    assert chair.claim_token and chair.organisation is None
    assert has_role(existing, Role.MEMBER)
    selected.refresh_from_db()
    rejected.refresh_from_db()
    assert selected.status == Nomination.Status.SELECTED
    assert rejected.status == Nomination.Status.NOT_SELECTED
    assert member.role_assignments.get().user == existing  # the role names its seat
    to = {address for m in mail.outbox for address in m.to}
    assert {
        existing.email,
        deputy.email,
        "pia@example.fi",
        rejected.representative_email,
        contact.email,
    } <= to
    swedish = [m for m in mail.outbox if m.to == [contact.email]]
    assert len(swedish) == 1
    assert swedish[0].subject.startswith("Nomineringens utfall")  # in the contact's own language
    # A decided call is read-only.
    assert staff_client.get(reverse("membership:call_edit", args=[call.pk])).status_code == 302
    with pytest.raises(services.CallDecided):
        services.set_in_proposal(rejected, True)


def test_member_claims_the_seat_and_gets_the_role_for_the_term(client, call):
    seat = SeatFactory(
        claim_token="tok",
        email="uusi@example.fi",
        starts_on=call.term_starts_on,
        ends_on=call.term_ends_on,
    )
    user = UserFactory(email="uusi@example.fi")
    client.force_login(user)
    client.post(reverse("membership:seat_claim", args=["tok"]))
    seat.refresh_from_db()
    assert seat.user == user and seat.claim_token == ""
    assignment = user.role_assignments.get(role=Role.MEMBER)
    assert (assignment.starts_on, assignment.ends_on) == (seat.starts_on, seat.ends_on)
    assert assignment.council_membership == seat
    assert assignment.history.get().history_user == user
    assert seat.history.latest().history_user == user


def test_someone_else_cannot_claim_the_seat(client):
    SeatFactory(claim_token="tok", email="oikea@example.fi")
    client.force_login(UserFactory(email="vaara@example.fi"))
    response = client.post(reverse("membership:seat_claim", args=["tok"]))
    assert response.status_code == 200
    assert CouncilMembership.objects.get().user is None
    with pytest.raises(members.SeatClaimError):
        members.claim_seat("tok", UserFactory())


def test_member_role_ends_with_the_term():
    user = UserFactory()
    seat = SeatFactory(
        user=user, starts_on=timezone.localdate() - datetime.timedelta(days=800), ends_on=timezone.localdate()
    )
    decision.grant_member_role(seat, acting_user=None)
    decision.grant_member_role(seat, acting_user=None)  # once per seat
    assert user.role_assignments.get().council_membership == seat
    assert has_role(user, Role.MEMBER)
    seat.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    seat.save()
    user.role_assignments.update(ends_on=seat.ends_on)
    user = type(user).objects.get(pk=user.pk)
    assert not has_role(user, Role.MEMBER)


def test_resignation_with_the_deputy_moving_up(staff_client):
    member_user, deputy_user = UserFactory(), UserFactory()
    today = timezone.localdate()
    seat = SeatFactory(
        user=member_user,
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=300),
    )
    deputy = SeatFactory(
        user=deputy_user,
        position="deputy",
        deputy_of=seat,
        starts_on=seat.starts_on,
        ends_on=seat.ends_on,
    )
    decision.grant_member_role(seat, acting_user=None)
    decision.grant_member_role(deputy, acting_user=None)
    response = staff_client.post(
        reverse("membership:member_resign", args=[seat.pk]),
        {"last_day": today.isoformat(), "reason": "muutto", "replacement": "deputy"},
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.ended_early_on == today
    successor = CouncilMembership.objects.get(replaces=seat)
    assert successor.user == deputy_user and successor.position == "member"
    assert successor.starts_on == today + datetime.timedelta(days=1)
    assert member_user.role_assignments.get().ends_on == today


def test_resignation_refuses_a_day_outside_the_term(staff_client):
    seat = SeatFactory()
    response = staff_client.post(
        reverse("membership:member_resign", args=[seat.pk]),
        {"last_day": "2040-01-01", "replacement": "none"},
    )
    assert response.status_code == 200
    seat.refresh_from_db()
    assert seat.ended_early_on is None


def test_member_list_shows_contacts_only_to_members_and_staff(staff_client):
    today = timezone.localdate()
    SeatFactory(full_name="Julkinen Jäsen", email="salainen@example.fi", starts_on=today, ends_on=today)
    public = Client().get(reverse("membership:member_list")).content.decode()
    staff_page = staff_client.get(reverse("membership:member_list")).content.decode()
    assert "Julkinen Jäsen" in public and "salainen@example.fi" not in public
    assert "salainen@example.fi" in staff_page


def test_export_and_erasure_of_personal_data(staff_client):
    call = CallFactory(retention_until=timezone.localdate() - datetime.timedelta(days=1))
    nomination = NominationFactory(call=call, representative_email="henkilo@example.fi")
    keep = NominationFactory(representative_email="henkilo@example.fi")
    response = staff_client.post(reverse("membership:personal_data"), {"email": "HENKILO@example.fi"})
    exported = response.json()["parts"]
    assert len(exported["nominations"]) == 2
    assert exported["nominations"][0]["representative_email"] == "henkilo@example.fi"
    assert anonymise_expired_nominations() == 1
    nomination.refresh_from_db()
    keep.refresh_from_db()
    assert nomination.anonymised_at and nomination.representative_email == "" and nomination.motivation == ""
    assert not nomination.history.exists()
    assert keep.representative_email == "henkilo@example.fi"
    assert len(export_personal_data("henkilo@example.fi")["nominations"]) == 1
    assert anonymise_expired_nominations() == 0


def test_decision_on_an_empty_proposal_is_refused(call):
    with pytest.raises(decision.ProposalBreaksRules):
        decision.record_decision(call, "Lautakunta", timezone.localdate(), "§ 1", acting_user=None)
    assert NominationCall.objects.get(pk=call.pk).status == NominationCall.Status.PUBLISHED


def test_resignation_with_a_new_appointment_invites_the_new_person(
    staff_client, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    seat = SeatFactory(
        starts_on=today - datetime.timedelta(days=30), ends_on=today + datetime.timedelta(days=300)
    )
    deputy = SeatFactory(position="deputy", deputy_of=seat, starts_on=seat.starts_on, ends_on=seat.ends_on)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("membership:member_resign", args=[seat.pk]),
            {
                "last_day": today.isoformat(),
                "replacement": "new",
                "new_name": "Uusi Nimitetty",
                "new_email": "uusi.nimitetty@example.fi",
            },
        )
    successor = CouncilMembership.objects.get(replaces=seat)
    assert successor.full_name == "Uusi Nimitetty" and successor.claim_token
    deputy.refresh_from_db()
    assert deputy.deputy_of == successor  # the personal deputy follows the seat
    assert deputy.history.latest().deputy_of_id == successor.pk
    assert [m.to for m in mail.outbox] == [["uusi.nimitetty@example.fi"]]
    assert successor.claim_token in mail.outbox[0].body


def _call_form(**overrides):
    pensioners = SeatCategory.objects.get(code="pensioners")
    data = {
        "title_fi": "Jäsenhaku",
        "description_fi": "Kuvaus",
        "criteria_fi": "Kriteerit",
        "time_commitment_fi": "Neljä kokousta vuodessa",
        "term_starts_on": "2027-06-01",
        "term_ends_on": "2031-05-31",
        "opens_at": "2026-01-01T08:00",
        "closes_at": "2026-02-01T16:00",
        "retention_until": "2032-12-31",
        "total_seats": "16",
        "personal_deputies": "on",
        "max_consecutive_terms": "2",
        f"seats_min_{pensioners.pk}": "2",
        f"seats_max_{pensioners.pk}": "2",
        "action": "publish",
    }
    data.update(overrides)
    return data


def test_staff_open_a_call_with_its_rules(staff_client):
    from membership.models import Municipality

    vantaa = Municipality.objects.get(code="092")
    response = staff_client.post(
        reverse("membership:call_create"),
        _call_form(**{f"quota_kind_{vantaa.pk}": "at_least", f"quota_seats_{vantaa.pk}": "9"}),
    )
    assert response.status_code == 302
    call = NominationCall.objects.get()
    assert call.status == NominationCall.Status.PUBLISHED
    assert [(r.seat_category.code, r.min_seats, r.max_seats) for r in call.seat_rules.all()] == [
        ("pensioners", 2, 2)
    ]
    assert [(q.municipality.code, q.min_seats, q.max_seats) for q in call.quotas.all()] == [("092", 9, None)]


def test_call_form_refuses_bad_dates_and_keeps_the_input(staff_client):
    response = staff_client.post(
        reverse("membership:call_create"), _call_form(closes_at="2025-12-01T08:00", term_ends_on="2027-01-01")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"closes_at", "term_ends_on"}
    assert 'value="Jäsenhaku"' in response.content.decode()
    assert not NominationCall.objects.exists()


def test_call_without_any_seats_is_refused(staff_client):
    pensioners = SeatCategory.objects.get(code="pensioners")
    data = _call_form(**{f"seats_min_{pensioners.pk}": "", f"seats_max_{pensioners.pk}": ""})
    response = staff_client.post(reverse("membership:call_create"), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_erasure_command_and_celery_task_anonymise_expired_nominations():
    from io import StringIO

    from django.core.management import call_command

    from membership.calls.tasks import erase_expired_nominations

    expired = CallFactory(retention_until=timezone.localdate() - datetime.timedelta(days=1))
    NominationFactory(call=expired)
    NominationFactory(call=expired)
    out = StringIO()
    call_command("erase_expired_nominations", stdout=out)
    assert out.getvalue().startswith("2 ")
    NominationFactory(call=expired)
    assert erase_expired_nominations.apply().get() == 1
    assert not Nomination.objects.filter(anonymised_at__isnull=True).exists()


def test_a_decision_outside_a_request_names_the_deciding_staff_member_in_every_history_row(call, staff_user):
    """As in a task or a command: no request, so only the service's `acting_user` names who."""
    category = SeatCategory.objects.get(code="pensioners")
    selected = NominationFactory(call=call, in_proposal=True, organisation__seat_category=category)
    others = [NominationFactory(call=call, organisation__seat_category=category) for _ in range(3)]
    existing = UserFactory(email=selected.representative_email)
    call.has_chair = False
    call.save()
    created = decision.record_decision(
        call, "Lautakunta", timezone.localdate(), "§ 1", notify=False, acting_user=staff_user
    )
    for nomination in [selected, *others]:
        latest = nomination.history.latest()
        assert latest.history_user == staff_user and latest.history_type == "~"
    assert selected.history.latest().status == Nomination.Status.SELECTED
    assert {n.history.latest().status for n in others} == {Nomination.Status.NOT_SELECTED}
    for membership in created:
        assert membership.history.get().history_user == staff_user
    role = existing.role_assignments.get()
    assert role.history.get().history_user == staff_user and role.council_membership in created
    assert call.history.latest().history_user == staff_user


@pytest.mark.parametrize("count", [10, 500])
def test_the_outcomes_of_any_number_of_nominations_take_the_same_few_statements(call, staff_user, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .test_query_budgets import make_nominations

    category = SeatCategory.objects.get(code="pensioners")
    NominationFactory(call=call, in_proposal=True, organisation__seat_category=category)
    make_nominations(call, count)
    call.nominations.filter(organisation__name_fi__startswith="Budjettiyhdistys").update(in_proposal=False)
    call.has_chair = False
    call.save()
    with CaptureQueriesContext(connection) as queries:
        decision.record_decision(
            call, "Lautakunta", timezone.localdate(), "§ 1", notify=False, acting_user=staff_user
        )
    # Measured: the same at 10 and at 500, none of them per nomination.
    assert len(queries) <= DECISION_BUDGET
    rejected = Nomination.history.filter(status=Nomination.Status.NOT_SELECTED, history_user=staff_user)
    assert rejected.count() == count


DECISION_BUDGET = 25  # measured 22 at both sizes
