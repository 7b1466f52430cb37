"""Who may open each council URL. Keys are role keys of tests/conftest.py ROLE_KEYS."""

from council import minutes, services
from council.models import Attachment, Meeting
from tests.council.factories import make_meeting

EVERYONE = {"anon", "ngo", "member", "board", "staff", "admin"}
SIGNED_IN = EVERYONE - {"anon"}
STAFF = {"staff", "admin"}
# Council members see sent agendas; other roles see only what is published.
INSIDERS = {"member", *STAFF}


def _sent(world) -> Meeting:
    meeting = make_meeting(items=2)
    services.send_agenda(meeting)
    return meeting


def _meeting(world) -> dict:
    return {"pk": _sent(world).pk}


def _published(world) -> dict:
    meeting = make_meeting(items=1)
    services.send_agenda(meeting)
    services.publish_agenda(meeting)
    return {"pk": meeting.pk}


def _draft(world) -> dict:
    return {"pk": make_meeting(items=1).pk}


def _item(world) -> dict:
    return {"pk": make_meeting(items=1).items.first().pk}


def _sent_item(world) -> dict:
    return {"pk": _sent(world).items.first().pk}


def _comment(world) -> dict:
    meeting = _sent(world)
    return {"pk": meeting.pk, "item_pk": meeting.items.first().pk}


def _checking(world) -> dict:
    meeting = _sent(world)
    minutes.set_checkers(meeting, [world.users["checker"]])
    return {"pk": meeting.pk}


def _attachment(world, public: bool) -> dict:
    from django.core.files.base import ContentFile

    meeting = make_meeting(items=1)
    item = meeting.items.first()
    item.is_public = public
    item.save()
    attachment = Attachment(item=item, name="liite.pdf", content_type="application/pdf", size=9)
    attachment.file.save("liite.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    services.send_agenda(meeting)
    services.publish_agenda(meeting)
    return {"pk": attachment.pk}


def _proposal(world) -> dict:
    meeting = make_meeting()
    proposal = services.propose_topic(world.users["member"], meeting, "Aihe", "Kuvaus")
    return {"pk": proposal.pk}


def _body(world) -> dict:
    from tests.council.factories import BodyFactory

    return {"pk": BodyFactory().pk}


CASES = {
    "council:calendar": (None, "2222222222", "2222222222"),
    "council:archive": (None, "2222222222", "2222222222"),
    "council:body_ics": (lambda w: {"slug": "neuvottelukunta"}, "2222222222", "2222222222"),
    "council:meeting_detail": (_published, "2222222222", "2222222222"),
    "council:meeting_ics": (_published, "2222222222", "2222222222"),
    "council:agenda_pdf": (_published, "2222222222", "2222222222"),
    # Minutes not yet published: only staff may read the draft PDF.
    "council:minutes_pdf": (_meeting, "L444444422", "L444444422"),
    "council:attendance_answer": (_meeting, "LRRRRRRRRR", "LRRRRRRRRR"),
    "council:comment": (_comment, "LRRRRRRRRR", "LRRRRRRRRR"),
    "council:minutes_check": (_checking, "L444424422", "L444424422"),
    # A public item's file is public once the agenda is published; a non-public one's is not.
    "council:attachment": (lambda w: _attachment(w, public=False), "L442224422", "L442224422"),
    "council:proposal_create": (None, "L222222222", "L222222222"),
    "council:my_proposals": (None, "L222222222", "L222222222"),
    "council:staff_dashboard": (None, "L333333322", "L333333322"),
    "council:body_list": (None, "L333333322", "L333333322"),
    "council:body_create": (None, "L333333322", "L333333322"),
    "council:body_edit": (_body, "L333333322", "L333333322"),
    "council:body_members": (_body, "L333333322", "L333333322"),
    "council:event_create": (None, "L333333322", "L333333322"),
    "council:meeting_list": (None, "L333333322", "L333333322"),
    "council:meeting_create": (None, "L333333322", "L333333322"),
    "council:meeting_edit": (_draft, "L333333322", "L333333322"),
    "council:agenda_edit": (_draft, "L333333322", "L333333322"),
    "council:agenda_reorder": (_draft, "L3333333RR", "L3333333BB"),
    "council:agenda_send": (_draft, "L3333333RR", "L3333333RR"),
    "council:agenda_publish": (_meeting, "L3333333RR", "L3333333RR"),
    "council:item_create": (lambda w: {"meeting_pk": make_meeting().pk}, "L333333322", "L333333322"),
    "council:attendance": (_meeting, "L333333322", "L3333333RR"),
    "council:minutes_edit": (_meeting, "L333333322", "L333333322"),
    "council:minutes_action": (_meeting, "L3333333RR", "L3333333RR"),
    "council:item_edit": (_item, "L333333322", "L333333322"),
    "council:item_move": (_item, "L3333333RR", "L3333333RR"),
    "council:item_delete": (_item, "L3333333RR", "L3333333R4"),
    "council:attachment_upload": (_item, "L3333333RR", "L3333333RR"),
    "council:attachment_delete": (lambda w: _attachment(w, public=True), "L3333333RR", "L3333333RR"),
    "council:proposal_list": (None, "L333333322", "L333333322"),
    "council:proposal_decide": (_proposal, "L333333322", "L333333322"),
    "council:meeting_cancel": (_draft, "L333333322", "L3333333RR"),
    "council:meeting_history": (_meeting, "L333333322", "L333333322"),
    "council:item_handling": (_sent_item, "L333333322", "L333333322"),
}
