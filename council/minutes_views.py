"""The HYTE team's minutes pages: attendance, decisions, added items, checkers and publication."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from membership.roles import STAFF_ONLY, access

from . import minutes, review, services
from .forms import AddedItemForm, CheckersForm, DecisionForm, MinutesHeaderForm, PresenceForm
from .messages import error_message
from .models import Meeting
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
            minutes.save_minutes(meeting, header.cleaned_data["version"], header_data, decision_data, present)
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
    status = 409 if header.non_field_errors() else 200
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
                messages.error(request, _("Give the added item a title."))
                return redirect("council:minutes_edit", pk=pk)
            minutes.add_item_in_meeting(meeting, form.cleaned_data["title"], form.cleaned_data["is_public"])
        elif action == "checkers":
            candidates = [a.user for a in meeting.attendances.select_related("user") if a.user_id]
            form = CheckersForm(request.POST, candidates=candidates, prefix="c")
            chosen = {int(v) for v in form.cleaned_data["checkers"]} if form.is_valid() else set()
            minutes.set_checkers(meeting, [u for u in candidates if u.pk in chosen])
        elif action == "to_checkers":
            minutes.send_to_checkers(meeting)
        elif action == "approve":
            minutes.approve_minutes(meeting)
        elif action == "publish":
            minutes.publish_minutes(meeting)
        else:
            return redirect("council:minutes_edit", pk=pk)
    except services.CouncilError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, _("Done."))
    return redirect("council:minutes_edit", pk=pk)
