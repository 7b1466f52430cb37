"""The open data API and its documentation page: open to everyone, the same answer for each role."""

from council import services
from council.models import Body
from membership.models import CouncilMembership
from tests.council.factories import make_meeting


def _published(world) -> dict:
    meeting = make_meeting(days=-3, items=1)
    services.send_agenda(meeting)
    services.publish_agenda(meeting)
    return {"meeting": meeting, "item": meeting.items.first()}


def _member(world) -> dict:
    seat = CouncilMembership.objects.create(
        full_name="Maija Meikäläinen", starts_on="2026-01-01", ends_on="2029-12-31"
    )
    return {"member_id": seat.pk}


def _measure(world) -> dict:
    from actionplan.services import measures_of

    return {"measure_id": measures_of().first().pk}


CASES = {
    "api_documentation": (None, "2222222222", "2222222222"),
    "api:api-root": (None, "2222222222", "5555555555"),
    "api:openapi-json": (None, "2222222222", "5555555555"),
    "api:list_bodies": (None, "2222222222", "5555555555"),
    "api:get_body": (
        lambda w: {"body_id": Body.objects.get(slug="neuvottelukunta").pk},
        "2222222222",
        "5555555555",
    ),
    "api:list_meetings": (None, "2222222222", "5555555555"),
    "api:get_meeting": (lambda w: {"meeting_id": _published(w)["meeting"].pk}, "2222222222", "5555555555"),
    "api:list_items": (None, "2222222222", "5555555555"),
    "api:get_item": (lambda w: {"item_id": _published(w)["item"].pk}, "2222222222", "5555555555"),
    "api:decisions_file": (lambda w: {"year": 2026, "fmt": "csv"}, "2222222222", "5555555555"),
    "api:list_members": (None, "2222222222", "5555555555"),
    "api:get_member": (_member, "2222222222", "5555555555"),
    "api:list_goals": (None, "2222222222", "5555555555"),
    "api:list_measures": (None, "2222222222", "5555555555"),
    "api:get_measure": (_measure, "2222222222", "5555555555"),
    "api:list_periods": (None, "2222222222", "5555555555"),
    "api:list_readings": (None, "2222222222", "5555555555"),
    "api:list_statuses": (None, "2222222222", "5555555555"),
    "api:readings_file": (lambda w: {"fmt": "xlsx"}, "2222222222", "5555555555"),
    "api:national_comparison": (None, "2222222222", "5555555555"),
}
