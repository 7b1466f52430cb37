"""What a refused action tells the user, in their language."""

from django.utils.translation import gettext_lazy as _

from .services import CouncilError

MESSAGES = {
    "not_allowed": _("You may not propose topics to this body."),
    "deadline": _(
        "The deadline for topics of this meeting has passed. Propose the topic for a later meeting."
    ),
    "decided": _("This proposal has already been decided."),
    "wrong_meeting": _("Choose an item of the same meeting."),
    "reason_needed": _("Give a reason for declining."),
    "published": _("The agenda is published and can no longer be changed."),
    "order": _("The agenda changed meanwhile. Reload the page and try again."),
    "already_sent": _("The agenda has already been sent."),
    "empty": _("Add at least one item before sending the agenda."),
    "not_sent": _("Send the agenda to the members before publishing it."),
    "unknown_member": _("You are not among the people invited to this meeting."),
    "review_closed": _("The agenda is not open for comments and answers now."),
    "deputy_not_invited": _("You are invited only when your member cannot attend."),
    "stale": _(
        "Someone else saved these minutes or this item while you were editing. Your text is kept below: "
        "compare it with the saved version and save again."
    ),
    "agenda_draft": _("Send the agenda before writing the minutes."),
    "minutes_closed": _("The minutes can no longer be changed."),
    "no_checkers": _("Choose the minutes checkers first."),
    "undecided": _("Record a resolution for every item first."),
    "not_checker": _("You are not a checker of these minutes."),
    "comment_needed": _("Write your comments."),
    "not_approved": _("The minutes must be approved before they are published."),
}


def error_message(error: CouncilError) -> str:
    return str(MESSAGES.get(error.code, _("The action could not be completed.")))
