"""Forms of council meetings. Every field error is shown in the user's language."""

from __future__ import annotations

import filetype
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actionplan.services import measures_of
from membership.kernel.submission import OneTimeSubmissionMixin

from .models import (
    AgendaItem,
    Attendance,
    Ballot,
    Body,
    BodyMember,
    CalendarEvent,
    Meeting,
    Resolution,
    TopicProposal,
    WithholdingGround,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

# What an attachment may be, by its content; office files are zip containers, so their name decides.
ALLOWED_TYPES = {"application/pdf", "image/png", "image/jpeg"}
OFFICE_SUFFIXES = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")


class BodyForm(OneTimeSubmissionMixin, forms.ModelForm):
    class Meta:
        model = Body
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "slug",
            "kind",
            "language",
            "seat_count",
            "quorum_rule",
            "quorum_seats",
            "ngo_contacts_may_propose",
            "reminder_days",
            "items_public_by_default",
            "opening_items",
            "closing_items",
        ]


class BodyMemberForm(forms.ModelForm):
    class Meta:
        model = BodyMember
        fields = ["full_name", "email", "organisation_name", "language", "deputy_of", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy_of"].queryset = body.members.filter(deputy_of__isnull=True)


class CalendarEventForm(OneTimeSubmissionMixin, forms.ModelForm):
    class Meta:
        model = CalendarEvent
        fields = ["title", "kind", "date", "body", "description"]
        widgets = {"date": DATE}


class MeetingForm(OneTimeSubmissionMixin, forms.ModelForm):
    copy_from = forms.ModelChoiceField(
        label=_("Copy the items of an earlier meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("Leave empty to start from the body's standard items."),
    )

    class Meta:
        model = Meeting
        fields = ["body", "starts_at", "ends_at", "place", "remote_link", "agenda_deadline"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "agenda_deadline": DATE}

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["copy_from"].queryset = Meeting.objects.select_related("body").order_by("-starts_at")[
                :50
            ]
        else:
            del self.fields["copy_from"]
            del self.fields["body"]

    def clean(self):
        data = super().clean()
        starts, ends, deadline = data.get("starts_at"), data.get("ends_at"), data.get("agenda_deadline")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if starts and deadline and deadline > timezone.localdate(starts):
            self.add_error("agenda_deadline", _("The deadline for topics must be before the meeting."))
        copy_from = data.get("copy_from")
        if copy_from and data.get("body") and copy_from.body_id != data["body"].pk:
            self.add_error("copy_from", _("Choose a meeting of the same body."))
        return data


class PublicityMixin:
    """A non-public item still needs a public title that tells what the matter is, and a ground."""

    def clean(self):
        data = super().clean()
        if data.get("is_public") is False:
            if not (data.get("public_title") or "").strip():
                self.add_error(
                    "public_title",
                    _(
                        "A non-public item needs a public title that says what the matter is, without the "
                        "confidential details."
                    ),
                )
            if not data.get("withholding_ground"):
                self.add_error("withholding_ground", _("Choose the legal ground for withholding the item."))
        return data


class ItemForm(OneTimeSubmissionMixin, PublicityMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "presenter",
            "background",
            "proposal",
            "is_public",
            "public_title",
            "withholding_ground",
            "measures",
        ]
        widgets = {
            "background": forms.Textarea(attrs={"rows": 6}),
            "proposal": forms.Textarea(attrs={"rows": 4}),
            "measures": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = measures_of()


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attachment"), help_text=_("PDF, image or office document."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is too large. The largest allowed size is %(size)s.")
                % {"size": filesizeformat(settings.MAX_UPLOAD_SIZE)}
            )
        head = upload.read(8192)
        upload.seek(0)
        kind = filetype.guess(head)
        mime = kind.mime if kind else ""
        is_office = mime == "application/zip" or mime.startswith("application/vnd.")
        if mime in ALLOWED_TYPES or (is_office and upload.name.lower().endswith(OFFICE_SUFFIXES)):
            upload.detected_type = mime if mime in ALLOWED_TYPES else "application/octet-stream"
            return upload
        raise forms.ValidationError(
            _("This type of file is not accepted. Use PDF, an image or an office document.")
        )


class ProposalForm(OneTimeSubmissionMixin, forms.ModelForm):
    class Meta:
        model = TopicProposal
        fields = ["meeting", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: "{} ({})".format(
            m, _("topics until %(day)s") % {"day": date_format(m.agenda_deadline, "SHORT_DATE_FORMAT")}
        )


class DecideProposalForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("Accept onto the agenda")),
            ("merge", _("Merge into an item")),
            ("decline", _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    item = forms.ModelChoiceField(
        label=_("Item to merge into"), queryset=AgendaItem.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed when declining."),
    )

    def __init__(self, *args, proposal: TopicProposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = proposal.meeting.items.order_by("position")

    def clean(self):
        data = super().clean()
        if data.get("action") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason for declining."))
        if data.get("action") == "merge" and not data.get("item"):
            self.add_error("item", _("Choose the item to merge into."))
        return data


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class MinutesHeaderForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Meeting
        fields = ["minutes_kind", "chair_name", "secretary_name", "minutes_notes"]
        widgets = {"minutes_notes": forms.Textarea(attrs={"rows": 3})}


class DecisionForm(PublicityMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["resolution", "decision", "is_public", "public_title", "withholding_ground"]
        widgets = {"decision": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].choices = [("", "–"), *Resolution.choices]


class PresenceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, attendances: list[Attendance], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(a.pk), f"{a.full_name}{' (' + str(_('deputy')) + ')' if a.is_deputy else ''}")
            for a in attendances
        ]


class AddedItemForm(PublicityMixin, forms.Form):
    title = forms.CharField(label=_("Title of the added item"), max_length=300)
    is_public = forms.BooleanField(label=_("Public"), required=False, initial=True)
    public_title = forms.CharField(
        label=_("title shown to the public"),
        max_length=300,
        required=False,
        help_text=AgendaItem._meta.get_field("public_title").help_text,
    )
    withholding_ground = forms.ChoiceField(
        label=_("ground for withholding"), choices=[("", "–"), *WithholdingGround.choices], required=False
    )


class HandlingForm(forms.Form):
    """Conflicts of interest, the vote and a new dissenting opinion of one item."""

    conflicted = forms.MultipleChoiceField(
        label=_("Declared a conflict of interest and left the handling"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    conflict_ground = forms.CharField(label=_("ground of the conflict"), max_length=300, required=False)
    vote_proposals = forms.CharField(
        label=_("proposals voted on"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Leave empty when there was no vote. Yes = the proposal, No = the counter-proposal."),
    )
    votes_for = forms.IntegerField(label=pgettext_lazy("vote", "yes"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=pgettext_lazy("vote", "no"), min_value=0, required=False)
    votes_abstained = forms.IntegerField(label=_("abstained"), min_value=0, required=False)
    dissent_by = forms.ChoiceField(label=_("Dissenting opinion by"), required=False)
    dissent_text = forms.CharField(
        label=_("dissenting opinion"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, attendances: list[Attendance], **kwargs):
        super().__init__(*args, **kwargs)
        people = [(str(a.pk), _person_label(a)) for a in attendances]
        self.fields["conflicted"].choices = people
        self.fields["dissent_by"].choices = [("", "–"), *people]
        self.ballot_fields = []
        for a in attendances:
            name = f"ballot_{a.pk}"
            self.fields[name] = forms.ChoiceField(
                label=_person_label(a), choices=[("", "–"), *Ballot.Choice.choices], required=False
            )
            self.ballot_fields.append(name)

    def ballot_bound_fields(self):
        return [self[name] for name in self.ballot_fields]

    def ballots(self) -> dict[int, str]:
        return {
            int(name.removeprefix("ballot_")): self.cleaned_data[name]
            for name in self.ballot_fields
            if self.cleaned_data.get(name)
        }


def _person_label(attendance: Attendance) -> str:
    return f"{attendance.full_name}{' (' + str(_('deputy')) + ')' if attendance.is_deputy else ''}"


class CheckersForm(forms.Form):
    checkers = forms.MultipleChoiceField(
        label=_("Minutes checkers"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkers"].choices = [(str(u.pk), str(u)) for u in candidates]


class CheckerAnswerForm(forms.Form):
    approve = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("yes", _("I approve the minutes")), ("no", _("I have comments"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean(self):
        data = super().clean()
        if data.get("approve") == "no" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Write your comments."))
        return data
