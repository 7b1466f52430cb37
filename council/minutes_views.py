"""The HYTE team's minutes pages: attendance, decisions, added items, checkers and publication."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from membership.roles import STAFF_ONLY, access

from . import handling, minutes, review, services
from .forms import AddedItemForm, CheckersForm, DecisionForm, HandlingForm, MinutesHeaderForm, PresenceForm
from .messages import error_message
from .models import AgendaItem, Meeting
from .selectors import meeting_items


@access(STAFF_ONLY)
def minutes_edit(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    items = meeting_items(meeting, public=False, with_comments=False)
    attendances = list(meeting.attendances.select_related("user"))
    post = request.POST if request.method == "POST" and "save" in request.POST else None
    saved_decisions: dict[int, str] = {}
    header = MinutesHeaderForm(post, instance=meeting, initial={"version": meeting.version}, prefix="m")
    decisions = [(item, DecisionForm(post, instance=item, prefix=f"i{item.pk}")) for item in items]
    presence = PresenceForm(
        post,
        attendances=attendances,
        initial={"present": [str(a.pk) for a in attendances if a.present]},
        prefix="p",
    )
    forms_valid = [form.is_valid() for form in (header, presence, *(form for _, form in decisions))]
    if post is not None and all(forms_valid):
        header_data = {name: header.cleaned_data[name] for name in MinutesHeaderForm.Meta.fields}
        decision_data = {item.pk: form.cleaned_data for item, form in decisions}
        present = {int(pk) for pk in presence.cleaned_data["present"]}
        try:
            minutes.save_minutes(
                meeting,
                header.cleaned_data["version"],
                header_data,
                decision_data,
                present,
                acting_user=request.user,
            )
        except minutes.ItemError as error:
            target = {item.pk: form for item, form in decisions}[error.item.pk]
            target.add_error(error.field if error.field in target.fields else None, error_message(error))
            header.add_error(
                None,
                _("§ %(number)s: %(error)s") % {"number": error.item.number, "error": error_message(error)},
            )
        except services.StaleEdit as error:
            saved = Meeting.objects.get(pk=meeting.pk)
            data = request.POST.copy()
            data["m-version"] = saved.version
            header = MinutesHeaderForm(data, instance=saved, prefix="m")
            header.is_valid()
            header.add_error(None, error_message(error))
            saved_decisions = dict(meeting.items.values_list("pk", "decision"))
        except services.CouncilError as error:
            header.add_error(None, error_message(error))
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect("council:minutes_edit", pk=pk)
    checker_ids = [str(pk) for pk in meeting.checkers.values_list("user_id", flat=True)]
    candidates = [a.user for a in attendances if a.user_id]
    context = {
        "meeting": meeting,
        "header": header,
        "decisions": decisions,
        "presence": presence,
        "added_form": AddedItemForm(prefix="a"),
        "checkers_form": CheckersForm(candidates=candidates, initial={"checkers": checker_ids}, prefix="c"),
        "checkers": meeting.checkers.select_related("user"),
        "quorum": review.quorum(meeting, attendances),
        "editable": meeting.minutes_state in minutes.EDITABLE and meeting.state != Meeting.State.DRAFT,
        "saved_decisions": saved_decisions,
    }
    status = 409 if saved_decisions else 400 if header.non_field_errors() else 200
    return render(request, "council/minutes_edit.html", context, status=status)


@access(STAFF_ONLY)
def minutes_action(request, pk: int):
    """The buttons around the minutes form: added items, checkers and the state changes."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if request.method != "POST":
        return redirect("council:minutes_edit", pk=pk)
    action = request.POST.get("action")
    try:
        if action == "add_item":
            form = AddedItemForm(request.POST, prefix="a")
            if not form.is_valid():
                messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
                return redirect("council:minutes_edit", pk=pk)
            minutes.add_item_in_meeting(
                meeting,
                form.cleaned_data["title"],
                form.cleaned_data["is_public"],
                acting_user=request.user,
                public_title=form.cleaned_data["public_title"],
                withholding_ground=form.cleaned_data["withholding_ground"],
            )
        elif action == "checkers":
            candidates = [a.user for a in meeting.attendances.select_related("user") if a.user_id]
            form = CheckersForm(request.POST, candidates=candidates, prefix="c")
            chosen = {int(v) for v in form.cleaned_data["checkers"]} if form.is_valid() else set()
            minutes.set_checkers(meeting, [u for u in candidates if u.pk in chosen], acting_user=request.user)
        elif action == "to_checkers":
            minutes.send_to_checkers(meeting, acting_user=request.user)
        elif action == "approve":
            minutes.approve_minutes(meeting, acting_user=request.user)
        elif action == "publish":
            minutes.publish_minutes(meeting, acting_user=request.user)
        else:
            return redirect("council:minutes_edit", pk=pk)
    except services.CouncilError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, _("Done."))
    return redirect("council:minutes_edit", pk=pk)


@access(STAFF_ONLY)
def item_handling(request, pk: int):
    """Conflicts of interest, the vote and dissenting opinions of one item, recorded at the meeting."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    meeting = item.meeting
    present = [a for a in meeting.attendances.all() if a.present]
    vote = getattr(item, "vote", None)
    initial = {"conflicted": [str(pk) for pk in item.conflicts.values_list("attendance_id", flat=True)]}
    if vote is not None:
        initial.update(
            vote_proposals=vote.proposals,
            votes_for=vote.votes_for,
            votes_against=vote.votes_against,
            votes_abstained=vote.votes_abstained,
        )
        initial.update({f"ballot_{b.attendance_id}": b.choice for b in vote.ballots.all()})
    form = HandlingForm(request.POST or None, attendances=present, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        vote_input = None
        if (
            data["vote_proposals"].strip()
            or form.ballots()
            or any(data[name] for name in ("votes_for", "votes_against", "votes_abstained"))
        ):
            vote_input = handling.VoteInput(
                proposals=data["vote_proposals"],
                votes_for=data["votes_for"] or 0,
                votes_against=data["votes_against"] or 0,
                votes_abstained=data["votes_abstained"] or 0,
                ballots=form.ballots(),
            )
        record = handling.Handling(
            conflicted={int(v) for v in data["conflicted"]},
            conflict_ground=data["conflict_ground"],
            vote=vote_input,
            dissent_by=int(data["dissent_by"]) if data["dissent_by"] else None,
            dissent_text=data["dissent_text"],
        )
        try:
            handling.record_handling(item, record, acting_user=request.user)
        except minutes.ItemError as error:
            form.add_error(error.field if error.field in form.fields else None, error_message(error))
        except services.CouncilError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(request, _("§ %(number)s is saved.") % {"number": item.number})
            return redirect(f"{reverse('council:minutes_edit', args=[meeting.pk])}#item-{item.pk}")
    context = {
        "item": item,
        "meeting": meeting,
        "form": form,
        "dissents": item.dissents.select_related("attendance"),
        "present": present,
    }
    return render(request, "council/item_handling.html", context, status=400 if form.errors else 200)
