"""Scoring per published criterion: weights that add up, a score and comment per criterion, a total."""

from decimal import Decimal

import pytest
from django.urls import reverse

from membership.calls import services
from membership.kernel.evaluation import EvaluationError, Scored, check_weights_total, total_of
from membership.models import CallCriterion, NominationCall, NominationScore

from .call_factories import CallFactory, NominationFactory, add_seats
from .test_selection import _call_form

pytestmark = pytest.mark.django_db


def _criteria(*rows):
    data = {}
    for index, (name, weight) in enumerate(rows):
        data[f"criterion_fi_{index}"] = name
        data[f"criterion_weight_{index}"] = weight
    return data


def test_the_shared_evaluation_code_totals_weighted_scores_and_checks_weights():
    assert total_of([Scored(5, Decimal(60), 5), Scored(0, Decimal(40), 5)]) == Decimal("60.0")
    assert total_of([]) is None
    check_weights_total([Decimal(60), Decimal(40)])
    with pytest.raises(EvaluationError):
        check_weights_total([Decimal(60), Decimal(30)])


def test_weights_that_do_not_add_up_are_refused_with_the_input_kept(staff_client):
    data = _call_form(**_criteria(("Asiantuntemus", "60"), ("Verkostot", "30")))
    response = staff_client.post(reverse("membership:call_create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Painojen on oltava yhteensä 100 %; nyt ne ovat yhteensä 90 %." in html
    assert 'value="Asiantuntemus"' in html
    assert not NominationCall.objects.exists()


def test_published_criteria_are_shown_and_scored_per_criterion_for_staff_only(staff_client, client):
    data = _call_form(**_criteria(("Asiantuntemus", "60"), ("Verkostot", "40")))
    response = staff_client.post(reverse("membership:call_create"), data)
    assert response.status_code == 302
    call = NominationCall.objects.get()
    assert [(c.name_fi, c.weight) for c in call.scoring_criteria.all()] == [
        ("Asiantuntemus", Decimal(60)),
        ("Verkostot", Decimal(40)),
    ]
    assert "Verkostot: 40 %" in client.get(reverse("membership:call_detail", args=[call.pk])).content.decode()
    nomination = NominationFactory(call=call)
    expertise, networks = call.scoring_criteria.all()
    review = reverse("membership:nomination_review", args=[nomination.pk])
    missing = staff_client.post(review, {f"score_{expertise.pk}": "5", f"comment_{expertise.pk}": "Vahva."})
    assert missing.status_code == 200 and "Pisteytä jokainen kriteeri." in missing.content.decode()
    staff_client.post(
        review,
        {
            f"score_{expertise.pk}": "5",
            f"comment_{expertise.pk}": "Vahva.",
            f"score_{networks.pk}": "0",
            f"comment_{networks.pk}": "",
        },
    )
    nomination.refresh_from_db()
    assert nomination.weighted_score == Decimal("60.0")
    assert NominationScore.objects.get(criterion=expertise).comment == "Vahva."
    board = staff_client.get(reverse("membership:composition_board", args=[call.pk])).content.decode()
    assert "60,0 %" in board
    # The public call page never shows the scores.
    assert "60,0" not in client.get(reverse("membership:call_detail", args=[call.pk])).content.decode()


def test_criteria_cannot_change_once_scoring_has_started():
    call = CallFactory()
    add_seats(call)
    services.save_criteria(call, [("Asiantuntemus", "", Decimal(100))])
    criterion = CallCriterion.objects.get()
    nomination = NominationFactory(call=call)
    services.score_by_criteria(nomination, [(criterion, 3, "")], acting_user=None)
    with pytest.raises(services.CallDecided):
        services.save_criteria(call, [("Muu", "", Decimal(100))])


def test_scores_and_a_rescore_are_in_the_history_with_the_scoring_staff_member(staff_user):
    call = CallFactory()
    add_seats(call)
    services.save_criteria(call, [("Asiantuntemus", "", Decimal(100))])
    criterion = CallCriterion.objects.get()
    nomination = NominationFactory(call=call)
    services.score_by_criteria(nomination, [(criterion, 3, "")], acting_user=staff_user)
    services.score_by_criteria(nomination, [(criterion, 4, "Tarkistettu.")], acting_user=staff_user)
    score = NominationScore.objects.get()
    assert [(h.score, h.history_user) for h in score.history.order_by("history_date")] == [
        (3, staff_user),
        (4, staff_user),
    ]
    assert nomination.history.latest().history_user == staff_user
    services.score_nomination(nomination, 5, "Hyvä", acting_user=staff_user)
    assert nomination.history.latest().score == 5
