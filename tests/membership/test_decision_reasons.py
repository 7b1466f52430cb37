"""A decision that can always be recorded: reasons per broken rule, vacant seats, supplementary calls."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from membership.calls import decision, vacancies
from membership.calls.composition import build_composition
from membership.models import CouncilMembership, DecisionReason, NominationCall, SeatCategory, VacantSeat

from .call_factories import CallFactory, NominationFactory, add_seats

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    call = CallFactory(
        closes_at=timezone.now() - datetime.timedelta(days=1),
        term_starts_on=timezone.localdate() + datetime.timedelta(days=30),
        term_ends_on=timezone.localdate() + datetime.timedelta(days=700),
        has_chair=False,
        has_vice_chair=False,
        has_board_representative=False,
    )
    add_seats(call, ["pensioners", "older-people"], low=2, high=2)
    return call


def _short_proposal(call):
    """Pensioners full, older people one short: one broken rule."""
    for _ in range(2):
        NominationFactory(call=call, in_proposal=True, organisation__seat_category=_category("pensioners"))
    NominationFactory(call=call, in_proposal=True, organisation__seat_category=_category("older-people"))


def _category(code):
    return SeatCategory.objects.get(code=code)


def _decide(staff_client, call, **reasons):
    data = {"body": "Lautakunta", "date": timezone.localdate().isoformat(), "section": "§ 7", **reasons}
    return staff_client.post(reverse("membership:call_decision", args=[call.pk]), data)


def test_the_decision_form_asks_a_reason_for_each_broken_rule(staff_client, call):
    _short_proposal(call)
    response = staff_client.get(reverse("membership:call_decision", args=[call.pk]))
    html = response.content.decode()
    assert 'name="reason_kind_0"' in html and 'name="reason_text_0"' in html
    assert 'name="reason_kind_1"' not in html
    assert "vähintään 2" in html  # the broken rule itself is named beside its reason


def test_a_broken_rule_without_reason_is_refused_with_the_input_kept(staff_client, call):
    _short_proposal(call)
    response = _decide(staff_client, call, reason_kind_0="vacant", reason_text_0="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna lautakunnan perustelu" in html
    assert 'value="§ 7"' in html and 'value="vacant" selected' in html
    assert not CouncilMembership.objects.exists()
    call.refresh_from_db()
    assert not call.is_decided


def test_the_reason_is_recorded_and_leaves_a_vacant_seat_shown_in_summary_and_members_page(
    staff_client, call, client
):
    _short_proposal(call)
    response = _decide(
        staff_client, call, reason_kind_0="supplementary", reason_text_0="Vain yksi ehdokas; täydennyshaku."
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.is_decided
    reason = DecisionReason.objects.get(call=call)
    assert reason.rule == "category_min" and reason.kind == "supplementary"
    seat = VacantSeat.objects.get(call=call)
    assert seat.seat_category.code == "older-people" and seat.reason == reason and seat.is_vacant
    assert CouncilMembership.objects.filter(position="member").count() == 3
    summary = staff_client.get(reverse("membership:call_decision", args=[call.pk])).content.decode()
    assert "Vain yksi ehdokas; täydennyshaku." in summary and "vapaa" in summary
    members = client.get(reverse("membership:member_list")).content.decode()
    assert "Vain yksi ehdokas; täydennyshaku." in members


def test_a_reason_given_for_a_rule_since_fixed_is_not_needed_but_a_new_broken_rule_is(call):
    _short_proposal(call)
    issue = build_composition(call).errors[0]
    with pytest.raises(decision.ProposalBreaksRules) as refusal:
        decision.record_decision(
            call, "Lautakunta", timezone.localdate(), "§ 1", notify=False, acting_user=None
        )
    assert [i.key for i in refusal.value.issues] == [issue.key]
    decision.record_decision(
        call,
        "Lautakunta",
        timezone.localdate(),
        "§ 1",
        notify=False,
        reasons={issue.key: decision.Reason("other_category", "Paikka täytetään myöhemmin.")},
        acting_user=None,
    )
    # Filled from another category: no vacant seat is left.
    assert not VacantSeat.objects.exists()


def _decided_with_vacancy(call, acting_user=None):
    _short_proposal(call)
    issue = build_composition(call).errors[0]
    decision.record_decision(
        call,
        "Lautakunta",
        timezone.localdate(),
        "§ 1",
        notify=False,
        reasons={issue.key: decision.Reason("vacant", "Ei ehdokkaita.")},
        acting_user=acting_user,
    )
    call.refresh_from_db()
    return call


def test_a_supplementary_call_for_seats_that_are_not_vacant_is_refused(staff_client, call):
    call = _decided_with_vacancy(call)
    older, pensioners = _category("older-people"), _category("pensioners")
    url = reverse("membership:supplementary_call", args=[call.pk])
    response = staff_client.post(
        url, {f"seats_{older.pk}": "2", "opens_at": "2026-12-01T08:00", "closes_at": "2026-12-20T16:00"}
    )
    assert response.status_code == 200
    assert "Vain 1 paikkaa on vapaana" in response.content.decode()
    assert NominationCall.objects.count() == 1
    with pytest.raises(vacancies.SeatsNotVacant):
        vacancies.open_supplementary_call(call, {pensioners.pk: 1}, timezone.now(), timezone.now())


def test_a_supplementary_call_fills_the_vacant_seat(staff_client, staff_user, call):
    call = _decided_with_vacancy(call, acting_user=staff_user)
    assert VacantSeat.objects.get().history.get().history_user == staff_user
    assert DecisionReason.objects.get().history.get().history_user == staff_user
    older = _category("older-people")
    response = staff_client.post(
        reverse("membership:supplementary_call", args=[call.pk]),
        {f"seats_{older.pk}": "1", "opens_at": "2026-12-01T08:00", "closes_at": "2026-12-20T16:00"},
    )
    assert response.status_code == 302
    supplementary = NominationCall.objects.get(supplementary_for=call)
    assert [(r.seat_category.code, r.max_seats) for r in supplementary.seat_rules.all()] == [
        ("older-people", 1)
    ]
    assert supplementary.term_ends_on == call.term_ends_on
    # The same seat cannot be sought twice.
    with pytest.raises(vacancies.SeatsNotVacant):
        vacancies.open_supplementary_call(call, {older.pk: 1}, timezone.now(), timezone.now())
    nominee = NominationFactory(call=supplementary, in_proposal=True, organisation__seat_category=older)
    decision.record_decision(
        supplementary, "Lautakunta", timezone.localdate(), "§ 9", notify=False, acting_user=staff_user
    )
    seat = VacantSeat.objects.get(call=call)
    assert not seat.is_vacant and seat.filled_by_call == supplementary
    assert seat.history.latest().history_user == staff_user
    assert seat.filled_by.nomination == nominee
    assert vacancies.vacant_counts(call) == {}


def test_the_report_composition_section_shows_reasons_vacancies_and_home_municipalities(call):
    from membership.kernel.periods import Period
    from reports.sections.composition import collect

    call = _decided_with_vacancy(call)
    data = collect(Period.parse("2027-H1"), detailed=False)
    assert data["reasons"][0]["reason"] == "Ei ehdokkaita."
    assert data["vacant_seats"] == [str(_category("older-people"))]
    assert data["municipalities"] == [{"name": "Vantaa", "members": 3}]
