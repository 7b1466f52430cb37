"""Who may open each council URL. Keys are role keys of tests/conftest.py ROLE_KEYS."""

from council import minutes, services
from council.models import Attachment, Meeting
from tests.council.factories import make_meeting, seat

EVERYONE = {"anon", "ngo", "member", "board", "staff", "admin"}
SIGNED_IN = EVERYONE - {"anon"}
STAFF = {"staff", "admin"}
# Council members see sent agendas; other roles see only what is published.
INSIDERS = {"member", *STAFF}


def _sent(world) -> Meeting:
    seat(user=world.users["member"])
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
    minutes.set_checkers(meeting, [world.users["member"]])
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
    "council:calendar": (None, EVERYONE),
    "council:archive": (None, EVERYONE),
    "council:body_ics": (lambda w: {"slug": "neuvottelukunta"}, EVERYONE),
    "council:meeting_detail": (_published, EVERYONE),
    "council:meeting_ics": (_published, EVERYONE),
    "council:agenda_pdf": (_published, EVERYONE),
    # Minutes not yet published: only staff may read the draft PDF.
    "council:minutes_pdf": (_meeting, STAFF),
    "council:attendance_answer": (_meeting, SIGNED_IN),
    "council:comment": (_comment, SIGNED_IN),
    "council:minutes_check": (_checking, {"member", *STAFF}),
    # A public item's file is public once the agenda is published; a non-public one's is not.
    "council:attachment": (lambda w: _attachment(w, public=False), INSIDERS),
    "council:proposal_create": (None, SIGNED_IN),
    "council:my_proposals": (None, SIGNED_IN),
    "council:staff_dashboard": (None, STAFF),
    "council:body_list": (None, STAFF),
    "council:body_create": (None, STAFF),
    "council:body_edit": (_body, STAFF),
    "council:body_members": (_body, STAFF),
    "council:event_create": (None, STAFF),
    "council:meeting_list": (None, STAFF),
    "council:meeting_create": (None, STAFF),
    "council:meeting_edit": (_draft, STAFF),
    "council:meeting_cancel": (_draft, STAFF),
    "council:meeting_history": (_meeting, STAFF),
    "council:agenda_edit": (_draft, STAFF),
    "council:agenda_reorder": (_draft, STAFF),
    "council:agenda_send": (_draft, STAFF),
    "council:agenda_publish": (_meeting, STAFF),
    "council:item_create": (lambda w: {"meeting_pk": make_meeting().pk}, STAFF),
    "council:attendance": (_meeting, STAFF),
    "council:minutes_edit": (_meeting, STAFF),
    "council:minutes_action": (_meeting, STAFF),
    "council:item_edit": (_item, STAFF),
    "council:item_handling": (_sent_item, STAFF),
    "council:item_move": (_item, STAFF),
    "council:item_delete": (_item, STAFF),
    "council:attachment_upload": (_item, STAFF),
    "council:attachment_delete": (lambda w: _attachment(w, public=True), STAFF),
    "council:proposal_list": (None, STAFF),
    "council:proposal_decide": (_proposal, STAFF),
}
