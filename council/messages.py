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
    "agenda_sent": _(
        "The agenda has been sent and its § numbers are final. An item raised at the meeting is added "
        "on the minutes page; an item not handled is resolved as removed from the agenda."
    ),
    "cancelled": _("The meeting is cancelled."),
    "cannot_cancel": _("A meeting whose minutes have been started or published cannot be cancelled."),
    "not_started": _("The meeting has not started yet: its minutes cannot go forward before it is held."),
    "no_attendance": _("Record who was present first."),
    "not_quorate": _(
        'The meeting was not quorate: the minutes can only note matters. Choose "noted" or leave the '
        "resolution empty."
    ),
    "item_not_quorate": _(
        "Without the members who declared a conflict of interest, this item had no quorum: it can only "
        "be noted."
    ),
    "vote_missing": _('Record the vote of this item before choosing "decided after a vote".'),
    "public_title_needed": _(
        "A non-public item needs a public title that says what the matter is, without the confidential "
        "details."
    ),
    "ground_needed": _("Choose the legal ground for withholding the item."),
    "conflict_not_present": _("Only a member present at the meeting can declare a conflict of interest."),
    "dissent_not_present": _("Only a member present at the meeting can leave a dissenting opinion."),
    "dissent_conflicted": _(
        "A member with a conflict of interest left the handling of this item and cannot leave a dissenting "
        "opinion."
    ),
    "dissent_text_needed": _("Write the dissenting opinion."),
    "vote_proposals_needed": _(
        "Write what was voted on, for example Yes = the proposal, No = the counter-proposal."
    ),
    "conflicted_voting": _("A member with a conflict of interest in this item cannot vote on it."),
    "ballot_not_present": _("Only members present at the meeting can vote."),
    "vote_exceeds": _("The votes add up to more than the seats present for this item."),
}


def error_message(error: CouncilError) -> str:
    return str(MESSAGES.get(error.code, _("The action could not be completed.")))
