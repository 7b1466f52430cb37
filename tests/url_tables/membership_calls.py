"""Who may open the URLs of nomination calls, selection and the member list."""

from tests.membership.call_factories import CallFactory, NominationFactory, SeatFactory, add_seats

EVERYONE = {"anon", "ngo", "member", "board", "staff", "admin"}
SIGNED_IN = EVERYONE - {"anon"}
STAFF = {"staff", "admin"}


def _call(world) -> dict:
    call = CallFactory()
    add_seats(call)
    return {"pk": call.pk}


def _own_nomination(world) -> dict:
    nomination = NominationFactory(organisation=world.objects["organisation"])
    return {"pk": nomination.pk}


def _toggle(world) -> dict:
    return {"pk": NominationFactory().call_id}


def _seat(world) -> dict:
    return {"pk": SeatFactory().pk}


def _claim(world) -> dict:
    return {"token": SeatFactory(claim_token="abc123").claim_token}


def _with_attachment(world) -> dict:
    from django.core.files.base import ContentFile

    nomination = NominationFactory(organisation=world.objects["organisation"])
    nomination.attachment.save("paatos.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": nomination.pk}


CASES = {
    "membership:call_list": (None, EVERYONE),
    "membership:call_create": (None, STAFF),
    "membership:call_detail": (_call, EVERYONE),
    "membership:call_edit": (_call, STAFF),
    # Any signed-in person may open the form; one with no organisation is sent to register one.
    "membership:nomination_create": (_call, SIGNED_IN),
    "membership:nomination_list": (_call, STAFF),
    "membership:composition_board": (_call, STAFF),
    # Changes state on POST only; a GET goes back to the board.
    "membership:proposal_toggle": (_toggle, STAFF),
    "membership:call_decision": (_call, STAFF),
    "membership:supplementary_call": (_call, STAFF),
    "membership:nomination_detail": (_own_nomination, {"ngo", *STAFF}),
    "membership:nomination_edit": (_own_nomination, {"ngo", *STAFF}),
    "membership:nomination_withdraw": (_own_nomination, {"ngo", *STAFF}),
    "membership:nomination_attachment": (_with_attachment, {"ngo", *STAFF}),
    "membership:nomination_review": (_own_nomination, STAFF),
    "membership:personal_data": (None, STAFF),
    "membership:my_data": (None, SIGNED_IN),
    "membership:member_list": (None, EVERYONE),
    "membership:member_history": (None, EVERYONE),
    "membership:member_resign": (_seat, STAFF),
    # Any signed-in person may open a seat invitation; it tells them when it is not theirs.
    "membership:seat_claim": (_claim, SIGNED_IN),
}
