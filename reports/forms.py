from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from membership.kernel.periods import Period, PeriodError
from membership.kernel.submission import OneTimeSubmissionMixin
from membership.models import Role

from .models import ReportDefinition, ScheduleKind
from .schedules import check_send_time
from .sections import section_choices

RECIPIENT_ROLES = [
    (Role.BOARD, Role.BOARD.label),
    (Role.MEMBER, Role.MEMBER.label),
    (Role.STAFF, Role.STAFF.label),
]


class ReportDefinitionForm(OneTimeSubmissionMixin, forms.ModelForm):
    sections = forms.MultipleChoiceField(
        label=_("Sections"),
        choices=section_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The board's version shows each section briefly, the HYTE team's version in detail."),
    )
    recipient_roles = forms.MultipleChoiceField(
        label=_("Recipients by role"),
        choices=RECIPIENT_ROLES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ReportDefinition
        fields = [
            "name",
            "audience",
            "language",
            "sections",
            "recipient_roles",
            "recipient_emails",
            "period_kind",
            "schedule",
            "send_day",
            "send_time",
            "once_on",
            "is_active",
        ]
        widgets = {
            "recipient_emails": forms.Textarea(attrs={"rows": 3}),
            "send_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "once_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "recipient_emails": _("One email address a line."),
            "send_day": _("The report on a period is made on this day of the month after the period ends."),
            "send_time": _("Local time; not between 01:00 and 04:00."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["send_day"].widget.attrs.update({"min": 1, "max": 28})

    def clean_recipient_emails(self):
        lines = [line.strip() for line in self.cleaned_data["recipient_emails"].splitlines() if line.strip()]
        wrong = []
        for line in lines:
            try:
                validate_email(line)
            except forms.ValidationError:
                wrong.append(line)
        if wrong:
            raise forms.ValidationError(
                _("These are not email addresses: %(list)s") % {"list": ", ".join(wrong)}
            )
        return "\n".join(lines)

    def clean_send_day(self):
        day = self.cleaned_data["send_day"]
        if not 1 <= day <= 28:
            raise forms.ValidationError(_("Choose a day from 1 to 28, so that every month has it."))
        return day

    def clean_send_time(self):
        value = self.cleaned_data["send_time"]
        check_send_time(value)
        return value

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns cleaned_data
        if cleaned.get("schedule") == ScheduleKind.ONCE and not cleaned.get("once_on"):
            self.add_error("once_on", _("Give the date on which the report is made."))
        return cleaned


class GenerateRunForm(forms.Form):
    period = forms.CharField(
        label=_("Period"), max_length=10, help_text=_("For example 2026, 2026-H1 or 2026-Q3.")
    )
    regenerate = forms.BooleanField(label=_("Make it again if it exists"), required=False)

    def clean_period(self):
        try:
            return Period.parse(self.cleaned_data["period"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error
