import filetype
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from membership.kernel.forms import FileAgainMixin
from membership.kernel.periods import Period, PeriodError

from .models import Indicator, Status
from .services import PlanError, check_period_in_plan, parse_value

# filetype sees some DOCX and XLSX files as plain zip containers.
EVIDENCE_TYPES = {"pdf", "png", "jpg", "docx", "xlsx", "zip"}


class PeriodForm(forms.Form):
    code = forms.CharField(
        label=_("Reporting period"), max_length=10, help_text=_("e.g. 2026-Q2, 2026-H1 or 2026")
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_code(self):
        try:
            spec = Period.parse(self.cleaned_data["code"])
            check_period_in_plan(self.plan, spec)
        except (PeriodError, PlanError) as error:
            raise forms.ValidationError(str(error)) from None
        return spec.code


class ReadingForm(FileAgainMixin, forms.Form):
    value = forms.CharField(label=_("Value"), max_length=30)
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence_url = forms.URLField(label=_("Link to evidence"), required=False, assume_scheme="https")
    evidence_file = forms.FileField(
        label=_("Attachment"), required=False, help_text=_("PDF, image, Word or Excel file")
    )
    correction_reason = forms.CharField(label=_("Reason for correction"), max_length=300, required=False)

    def __init__(self, *args, indicator: Indicator, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.existing = existing
        self.fields["value"].help_text = self._value_help()
        if existing is None:
            del self.fields["correction_reason"]
        else:
            self.fields["correction_reason"].required = True

    def _value_help(self) -> str:
        kind = self.indicator.kind
        if kind == Indicator.Kind.YES_PARTIAL_NO:
            return _("yes, partially or no")
        if kind == Indicator.Kind.DELIVERABLE:
            return _("done, in progress or not done")
        low, high = self.indicator.bounds
        if high is None:
            return _("a whole number, at least %(low)s") % {"low": low}
        return _("a number from %(low)s to %(high)s") % {"low": low.normalize(), "high": high.normalize()}

    def clean_value(self):
        try:
            return parse_value(self.indicator, self.cleaned_data["value"])
        except PlanError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if not upload:
            return upload
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is too large (at most %(mb)s MB).") % {"mb": settings.MAX_UPLOAD_SIZE // 2**20}
            )
        kind = filetype.guess(upload.read(8192))
        upload.seek(0)
        if kind is None or kind.extension not in EVIDENCE_TYPES:
            raise forms.ValidationError(_("Attach a PDF, an image, or a Word or Excel file."))
        return upload


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, widget=forms.RadioSelect)
    assessment = forms.CharField(
        label=_("Short assessment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    override_reason = forms.CharField(
        label=_("Reason for choosing another status than suggested"), max_length=300, required=False
    )

    def __init__(self, *args, suggested: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested = suggested
        self.fields["status"].help_text = _("The indicators suggest: %(status)s") % {
            "status": Status(suggested).label
        }

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status and status != self.suggested and not (data.get("override_reason") or "").strip():
            self.add_error(
                "override_reason", _("Give a reason, as the status differs from the suggested one.")
            )
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV or XLSX in the layout of the export (Targetor layout)")
    )
