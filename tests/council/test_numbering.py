"""§ numbering: one series per body per calendar year, final once sent, never a duplicate or a gap."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from council import minutes, numbering, services
from council.models import AgendaItem, Meeting
from tests.council.factories import BodyFactory, council_body, make_meeting

pytestmark = pytest.mark.django_db


def _at(month: int, day: int, year: int = 2027) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 14))


def _series(body, year: int = 2027) -> list[int]:
    items = AgendaItem.objects.filter(meeting__body=body, meeting__starts_at__year=year)
    return sorted(items.values_list("number", flat=True))


def _numbers(meeting: Meeting) -> list[int]:
    return list(meeting.items.order_by("position").values_list("number", flat=True))


def _year_of_three(body):
    a = make_meeting(body, starts_at=_at(3, 10), items=5)
    b = make_meeting(body, starts_at=_at(5, 12), items=5)
    c = make_meeting(body, starts_at=_at(9, 15), items=5)
    return a, b, c


def _check_the_year(body, a, b, c) -> None:
    first = len(_numbers(a))
    # Editing the earliest agenda after the later ones exist moves the later drafts on.
    services.add_item(a, title="Lisätty ennen lähettämistä")
    assert _numbers(a) == list(range(1, first + 2))
    assert _numbers(b)[0] == first + 2
    services.delete_item(a.items.get(title="Asia 1"))
    assert _series(body) == list(range(1, len(_series(body)) + 1))
    for meeting in (a, b, c):
        services.send_agenda(meeting)
        meeting.refresh_from_db()
    sent = {m.pk: _numbers(m) for m in (a, b, c)}
    assert all(AgendaItem.objects.filter(meeting__in=[a, b, c]).values_list("number_final", flat=True))
    # An item raised at the meeting takes the next number of the series, after the later agendas'.
    added = minutes.add_item_in_meeting(a, "Kokouksessa esiin noussut asia")
    assert added.number == max(max(numbers) for numbers in sent.values()) + 1
    assert added.number_final
    # A later draft moves on; a sent number never changes.
    d = make_meeting(body, starts_at=_at(11, 20), items=2)
    assert _numbers(d)[0] == added.number + 1
    for meeting in (a, b, c):
        assert _numbers(meeting)[: len(sent[meeting.pk])] == sent[meeting.pk]
    series = _series(body)
    assert series == list(range(1, len(series) + 1)), "one unbroken series with no duplicate"


def test_council_series_over_three_meetings_stays_unbroken():
    body = council_body()
    _check_the_year(body, *_year_of_three(body))


def test_a_working_group_has_its_own_series():
    council = council_body()
    council_meeting = make_meeting(council, starts_at=_at(2, 1), items=3)
    group = BodyFactory(opening_items="Avaus", closing_items="Päättäminen")
    _check_the_year(group, *_year_of_three(group))
    assert _numbers(council_meeting)[0] == 1


def test_a_new_year_starts_from_one_and_moving_a_draft_renumbers_both_years():
    body = council_body()
    december = make_meeting(body, starts_at=_at(12, 1), items=2)
    make_meeting(body, starts_at=_at(1, 20, 2028), items=2)
    services.change_meeting(december, {"starts_at": _at(1, 10, 2028)})
    assert _series(body, 2027) == []
    assert _series(body, 2028) == list(range(1, len(_series(body, 2028)) + 1))
    december.refresh_from_db()
    assert _numbers(december)[0] == 1


def test_a_sent_agenda_refuses_structural_changes():
    meeting = make_meeting(starts_at=_at(3, 10), items=2)
    services.send_agenda(meeting)
    item = meeting.items.get(title="Asia 1")
    for change in (
        lambda: services.add_item(meeting, title="Myöhästynyt"),
        lambda: services.delete_item(item),
        lambda: services.move_item(item, 1),
    ):
        with pytest.raises(services.CouncilError) as refused:
            change()
        assert refused.value.code == "agenda_sent"


def test_cancelling_a_draft_gives_its_numbers_back_and_a_sent_one_keeps_them():
    body = council_body()
    a, b, c = _year_of_three(body)
    services.send_agenda(a)
    services.cancel_meeting(b)
    assert set(_numbers(b)) == {0}
    assert _numbers(c)[0] == _numbers(a)[-1] + 1
    kept = _numbers(a)
    services.cancel_meeting(a)
    assert _numbers(a) == kept


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_duplicate_final_number():
    meeting = make_meeting(starts_at=_at(3, 10), items=2)
    services.send_agenda(meeting)
    other = make_meeting(starts_at=_at(5, 10), items=1)
    duplicate = other.items.first()
    duplicate.number, duplicate.number_final = 1, True
    duplicate.series_body_id, duplicate.series_year = meeting.body_id, 2027
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_renumbering_is_recorded_in_the_items_history():
    body = council_body()
    a, b, _ = _year_of_three(body)
    moved = b.items.order_by("position").first()
    before = moved.history.count()
    services.add_item(a, title="Uusi")
    assert moved.history.count() == before + 1
    assert moved.history.latest().history_change_reason == "§ numbering"
    numbering.renumber(body.pk, 2027)
    assert moved.history.count() == before + 1, "an unchanged number writes no history"
