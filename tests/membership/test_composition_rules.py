"""Every rule of the composition board, checked in the services, with their edge cases."""

import datetime

import pytest

from membership.calls.composition import build_composition, check_composition, consecutive_terms
from membership.models import Municipality, SeatCategory
from tests.factories import OrganisationFactory

from .call_factories import CallFactory, NominationFactory, SeatFactory, add_quota, add_seats

pytestmark = pytest.mark.django_db


def category(code):
    return SeatCategory.objects.get(code=code)


def org(code="pensioners", municipalities=("092",)):
    return OrganisationFactory(
        seat_category=category(code),
        municipalities=list(Municipality.objects.filter(code__in=municipalities)),
    )


def propose(call, code="pensioners", municipalities=("092",), **kwargs):
    return NominationFactory(call=call, organisation=org(code, municipalities), in_proposal=True, **kwargs)


def rules_broken(call):
    return sorted(issue.rule for issue in build_composition(call).issues)


@pytest.fixture
def call():
    call = CallFactory(max_consecutive_terms=None)
    add_seats(call, ["pensioners", "older-people"], low=1, high=2)
    return call


def test_a_proposal_within_every_rule_has_no_issues(call):
    propose(call, "pensioners")
    propose(call, "older-people")
    assert rules_broken(call) == []


def test_empty_category_is_flagged_as_a_note_and_too_few_seats_as_an_error(call):
    propose(call, "pensioners")
    composition = build_composition(call)
    assert {(i.rule, i.severity) for i in composition.issues} == {
        ("empty_category", "warning"),
        ("category_min", "error"),
    }
    assert all(i.category_id == category("older-people").pk for i in composition.issues)


def test_nominations_outside_the_proposal_still_count_against_the_empty_category_note(call):
    propose(call, "pensioners")
    NominationFactory(call=call, organisation=org("older-people"), in_proposal=False)
    assert rules_broken(call) == ["category_min"]


def test_too_many_seats_in_a_category(call):
    for _ in range(3):
        propose(call, "pensioners")
    propose(call, "older-people")
    assert rules_broken(call) == ["category_max"]


def test_category_at_its_maximum_passes(call):
    propose(call, "pensioners")
    propose(call, "pensioners")
    propose(call, "older-people")
    assert rules_broken(call) == []


def test_a_proposed_nomination_in_a_category_without_seats(call):
    propose(call, "pensioners")
    propose(call, "older-people")
    propose(call, "employment")
    assert rules_broken(call) == ["category_not_in_call"]


def test_total_seats_must_match_exactly(call):
    call.total_seats = 3
    call.save()
    propose(call, "pensioners")
    propose(call, "older-people")
    assert rules_broken(call) == ["total"]
    propose(call, "older-people")
    assert rules_broken(call) == []
    propose(call, "pensioners")
    assert rules_broken(call) == ["total"]


def test_municipality_quota_exactly_met_passes_and_one_off_fails(call):
    add_quota(call, "092", 1, 1)
    add_quota(call, "245", 1, 1)
    propose(call, "pensioners", ("092",))
    kerava = propose(call, "older-people", ("245",))
    assert rules_broken(call) == []
    kerava.organisation.municipalities.set(Municipality.objects.filter(code="092"))
    assert rules_broken(call) == ["quota_exact", "quota_exact"]


def test_an_organisation_in_both_municipalities_counts_for_its_home_municipality_only(call):
    add_quota(call, "092", 2, 2)
    add_quota(call, "245", 1, 1)
    both = propose(call, "pensioners", ("092", "245"))
    propose(call, "older-people", ("092",))
    # Without a home municipality it counts toward neither quota, and the board says so.
    assert rules_broken(call) == ["no_home_municipality", "quota_exact", "quota_exact"]
    both.organisation.home_municipality = Municipality.objects.get(code="245")
    both.organisation.save()
    assert rules_broken(call) == ["quota_exact"]  # Vantaa has 1 of exactly 2; Kerava has its 1
    both.organisation.home_municipality = Municipality.objects.get(code="092")
    both.organisation.save()
    assert rules_broken(call) == ["quota_exact"]  # now Kerava has 0 of exactly 1


def test_an_at_most_quota_allows_fewer_and_refuses_more(call):
    add_quota(call, "245", 0, 1)
    propose(call, "pensioners", ("245",))
    older = propose(call, "older-people", ("092",))
    assert rules_broken(call) == []
    older.organisation.municipalities.set(Municipality.objects.filter(code="245"))
    assert rules_broken(call) == ["quota_max"]


def test_a_quota_without_maximum_is_open_ended(call):
    add_quota(call, "092", 1, None)
    propose(call, "pensioners")
    propose(call, "older-people")
    assert rules_broken(call) == []


def test_deputy_from_another_organisation_of_the_same_category_passes(call):
    propose(call, "pensioners", deputy_organisation=org("pensioners"))
    propose(call, "older-people")
    assert rules_broken(call) == []


def test_deputy_from_an_organisation_of_another_category_breaks_the_rule(call):
    wrong = propose(call, "pensioners", deputy_organisation=org("employment"))
    propose(call, "older-people")
    issues = build_composition(call).issues
    assert [(i.rule, i.nomination_id) for i in issues] == [("deputy_category", wrong.pk)]


def test_deputy_category_is_free_when_the_call_has_no_personal_deputies(call):
    call.personal_deputies = False
    call.save()
    propose(call, "pensioners", deputy_organisation=org("employment"))
    propose(call, "older-people", deputy_name="", deputy_email="")
    assert rules_broken(call) == []


def test_missing_deputy_breaks_the_personal_deputy_rule(call):
    propose(call, "pensioners", deputy_name="", deputy_email="")
    propose(call, "older-people")
    assert rules_broken(call) == ["deputy_missing"]


def test_term_limit_for_an_organisation_after_two_consecutive_terms(call):
    call.max_consecutive_terms = 2
    call.save()
    veteran = propose(call, "pensioners")
    propose(call, "older-people")
    SeatFactory(
        organisation=veteran.organisation,
        starts_on=datetime.date(2023, 6, 1),
        ends_on=datetime.date(2025, 5, 31),
    )
    assert rules_broken(call) == []
    SeatFactory(
        organisation=veteran.organisation,
        starts_on=datetime.date(2025, 6, 1),
        ends_on=datetime.date(2027, 5, 31),
    )
    assert rules_broken(call) == ["term_limit"]


def test_term_limit_follows_the_person_across_organisations(call):
    call.max_consecutive_terms = 1
    call.save()
    nomination = propose(call, "pensioners")
    propose(call, "older-people")
    SeatFactory(
        email=nomination.deputy_email.upper(),
        starts_on=datetime.date(2025, 6, 1),
        ends_on=datetime.date(2027, 5, 31),
    )
    issues = build_composition(call).issues
    assert [i.rule for i in issues] == ["term_limit"]
    assert nomination.deputy_name in issues[0].message


def test_a_break_between_terms_resets_the_run():
    start = datetime.date(2027, 6, 1)
    assert consecutive_terms(start, [(datetime.date(2019, 6, 1), datetime.date(2021, 5, 31))]) == 0
    run = [
        (datetime.date(2023, 6, 1), datetime.date(2025, 5, 31)),
        (datetime.date(2025, 6, 1), datetime.date(2027, 5, 31)),
    ]
    assert consecutive_terms(start, run) == 2
    assert consecutive_terms(start, run + [(datetime.date(2019, 6, 1), datetime.date(2021, 5, 31))]) == 2


def test_check_composition_is_pure_and_ignores_nominations_outside_the_proposal(
    call, django_assert_num_queries
):
    nomination = NominationFactory(call=call, organisation=org("pensioners"), in_proposal=False)
    rules = list(call.seat_rules.select_related("seat_category"))
    nominations = [nomination]
    with django_assert_num_queries(0):
        issues = check_composition(call, rules, [], nominations, {})
    assert sorted(i.rule for i in issues) == ["category_min", "category_min", "empty_category"]
