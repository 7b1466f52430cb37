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
    "membership:call_list": (None, "2222222222", "2222222222"),
    "membership:call_create": (None, "L333333322", "L333333322"),
    "membership:call_detail": (_call, "2222222222", "2222222222"),
    "membership:call_edit": (_call, "L333333322", "L333333322"),
    # Any signed-in person may open the form; one with no organisation is sent to register one.
    "membership:nomination_create": (_call, "L22RRRRRRR", "L22RRRRRRR"),
    # The deputy-organisation search of the nomination form: for those who may fill one in, GET only.
    "membership:call_organisation_search": (_call, "L223333322", "L555555555"),
    "membership:nomination_list": (_call, "L333333322", "L333333322"),
    "membership:composition_board": (_call, "L333333322", "L333333322"),
    # Changes state on POST only; a GET goes back to the board.
    "membership:proposal_toggle": (_toggle, "L3333333RR", "L333333344"),
    "membership:call_decision": (_call, "L333333322", "L333333322"),
    "membership:nomination_detail": (_own_nomination, "L244444422", "L244444422"),
    "membership:nomination_edit": (_own_nomination, "L244444422", "L244444422"),
    "membership:nomination_withdraw": (_own_nomination, "L244444422", "LR44444422"),
    "membership:nomination_attachment": (_with_attachment, "L244444422", "L244444422"),
    "membership:nomination_review": (_own_nomination, "L333333322", "L333333322"),
    "membership:personal_data": (None, "L333333322", "L333333322"),
    "membership:member_list": (None, "2222222222", "2222222222"),
    "membership:member_history": (None, "2222222222", "2222222222"),
    "membership:member_resign": (_seat, "L333333322", "L333333322"),
    "membership:supplementary_call": (_call, "L333333322", "L333333322"),
    "membership:my_data": (None, "L222222222", "L222222222"),
    # Any signed-in person may open a seat invitation; it tells them when it is not theirs.
    "membership:seat_claim": (_claim, "L222222222", "L222222222"),
}
