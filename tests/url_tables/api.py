"""The open data API and its documentation page: open to everyone, the same answer for each role."""

from council import services
from council.models import Body
from membership.models import CouncilMembership
from tests.council.factories import make_meeting

from .council import EVERYONE


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
    "api_documentation": (None, EVERYONE),
    "api:api-root": (None, EVERYONE),
    "api:openapi-json": (None, EVERYONE),
    "api:list_bodies": (None, EVERYONE),
    "api:get_body": (lambda w: {"body_id": Body.objects.get(slug="neuvottelukunta").pk}, EVERYONE),
    "api:list_meetings": (None, EVERYONE),
    "api:get_meeting": (lambda w: {"meeting_id": _published(w)["meeting"].pk}, EVERYONE),
    "api:list_items": (None, EVERYONE),
    "api:get_item": (lambda w: {"item_id": _published(w)["item"].pk}, EVERYONE),
    "api:decisions_file": (lambda w: {"year": 2026, "fmt": "csv"}, EVERYONE),
    "api:list_members": (None, EVERYONE),
    "api:get_member": (_member, EVERYONE),
    "api:list_goals": (None, EVERYONE),
    "api:list_measures": (None, EVERYONE),
    "api:get_measure": (_measure, EVERYONE),
    "api:list_periods": (None, EVERYONE),
    "api:list_readings": (None, EVERYONE),
    "api:list_statuses": (None, EVERYONE),
    "api:readings_file": (lambda w: {"fmt": "xlsx"}, EVERYONE),
    "api:national_comparison": (None, EVERYONE),
}
