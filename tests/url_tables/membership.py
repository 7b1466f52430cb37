"""Who may open each membership URL. Keys are role keys of tests/conftest.py ROLE_KEYS."""

from membership.models import SitePage
from membership.services import invite_colleague

EVERYONE = {"anon", "ngo", "member", "board", "staff", "admin"}
SIGNED_IN = EVERYONE - {"anon"}
STAFF = {"staff", "admin"}


def _invitation_token(world) -> dict:
    invitation = invite_colleague(
        world.objects["organisation"], world.users["member"].email, world.users["ngo"]
    )
    return {"token": invitation.token}


CASES = {
    "home": (None, EVERYONE),
    "dashboard": (None, SIGNED_IN),
    "health": (None, EVERYONE),
    "membership:organisation_list": (None, SIGNED_IN),
    "membership:organisation_create": (None, SIGNED_IN),
    # Another organisation's page is hidden from its non-contacts (404), open to staff.
    "membership:organisation_detail": (lambda w: {"pk": w.objects["organisation"].pk}, {"ngo", *STAFF}),
    "membership:organisation_edit": (lambda w: {"pk": w.objects["organisation"].pk}, {"ngo", *STAFF}),
    "membership:organisation_invite": (lambda w: {"pk": w.objects["organisation"].pk}, {"ngo", *STAFF}),
    # Any signed-in person may open an invitation page; it tells them when it is not theirs.
    "membership:invitation_accept": (_invitation_token, SIGNED_IN),
    "membership:role_invitations": (None, STAFF),
    "membership:classifications": (None, STAFF),
    "membership:prh_class_create": (None, STAFF),
    "membership:prh_class_edit": (lambda w: {"pk": 1}, STAFF),
    "membership:seat_category_create": (None, STAFF),
    "membership:seat_category_edit": (lambda w: {"pk": 1}, STAFF),
    "membership:accessibility": (None, EVERYONE),
    "membership:feedback_list": (None, STAFF),
    "membership:privacy": (None, EVERYONE),
    "membership:site_page_edit": (lambda w: {"slug": SitePage.Slug.PRIVACY}, STAFF),
}

# POST-only; the organisation's only contact cannot be removed, so the walk changes nothing.
CASES["membership:organisation_contact_remove"] = (
    lambda w: {
        "pk": w.objects["organisation"].pk,
        "link_pk": w.objects["organisation"].contact_links.get().pk,
    },
    {"ngo", *STAFF},
    "post",
)

# The mail queue's failed deliveries; resending an unknown message changes nothing.
CASES["membership:mail_failures"] = (None, STAFF)
CASES["membership:mail_resend"] = (lambda w: {"pk": 999999}, STAFF, "post")
