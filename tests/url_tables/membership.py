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
    "home": (None, "2222222222", "2222222222"),
    "dashboard": (None, "L222222222", "L222222222"),
    "health": (None, "2222222222", "5555555555"),
    "membership:organisation_list": (None, "L222222222", "L222222222"),
    "membership:organisation_create": (None, "L222222222", "L222222222"),
    # Another organisation's page is hidden from its non-contacts (404), open to staff.
    "membership:organisation_detail": (
        lambda w: {"pk": w.objects["organisation"].pk},
        "L244444422",
        "L244444422",
    ),
    "membership:organisation_edit": (
        lambda w: {"pk": w.objects["organisation"].pk},
        "L244444422",
        "L244444422",
    ),
    "membership:organisation_invite": (
        lambda w: {"pk": w.objects["organisation"].pk},
        "L244444422",
        "L244444422",
    ),
    # Any signed-in person may open an invitation page; it tells them when it is not theirs.
    "membership:invitation_accept": (_invitation_token, "L222222222", "L22R222222"),
    "membership:role_invitations": (None, "L333333322", "L333333322"),
    "membership:classifications": (None, "L333333322", "L333333322"),
    "membership:prh_class_create": (None, "L333333322", "L333333322"),
    "membership:prh_class_edit": (lambda w: {"pk": 1}, "L333333322", "L333333322"),
    "membership:seat_category_create": (None, "L333333322", "L333333322"),
    "membership:seat_category_edit": (lambda w: {"pk": 1}, "L333333322", "L333333322"),
    "membership:accessibility": (None, "2222222222", "2222222222"),
    "membership:feedback_list": (None, "L333333322", "L333333344"),
    "membership:privacy": (None, "2222222222", "2222222222"),
    "membership:site_page_edit": (lambda w: {"slug": SitePage.Slug.PRIVACY}, "L333333322", "L333333322"),
}

# POST-only; the organisation's only contact cannot be removed, so the walk changes nothing.
CASES["membership:organisation_contact_remove"] = (
    lambda w: {
        "pk": w.objects["organisation"].pk,
        "link_pk": w.objects["organisation"].contact_links.get().pk,
    },
    "L555555555",
    "LR444444RR",
)

# The mail queue's failed deliveries; resending an unknown message changes nothing.
CASES["membership:mail_failures"] = (None, "L333333322", "L333333322")
CASES["membership:mail_resend"] = (lambda w: {"pk": 999999}, "5555555555", "L3333333RR")

# Sign-in locks; lifting an unknown lock changes nothing.
CASES["membership:signin_locks"] = (None, "L333333322", "L333333322")
CASES["membership:signin_lock_lift"] = (lambda w: {"pk": 999999}, "5555555555", "L3333333RR")


def _export_job(world) -> dict:
    from django.core.files.base import ContentFile

    from membership.models import ExportJob

    job = ExportJob(user=world.users["ngo"], kind="grants", fmt="csv", state=ExportJob.State.FINISHED)
    job.file.save("grants.csv", ContentFile(b"\xef\xbb\xbfa;b\r\n"), save=False)
    job.filename = "grants.csv"
    job.save()
    return {"pk": job.pk}


# An export job is only for the person who asked (here the NGO contact): anyone else gets 404.
CASES["membership:export_detail"] = (_export_job, "L244444444", "L244444444")
CASES["membership:export_download"] = (_export_job, "L244444444", "L244444444")
