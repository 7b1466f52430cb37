from __future__ import annotations

from decimal import Decimal

import filetype
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from membership.combobox import ComboboxFormMixin, make_combobox
from membership.kernel.forms import FileAgainMixin
from membership.kernel.submission import OneTimeSubmissionMixin

from .imports import parse_amount
from .models import Criterion, Funder, Grant, GrantRound, Payment
from .searches import ORGANISATIONS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Use reports: documents and scans. Checked by content, not by the file name.
REPORT_TYPES = {
    "application/pdf": _("PDF"),
    "application/zip": _("Word, Excel or OpenDocument file"),
    "image/jpeg": _("JPEG image"),
    "image/png": _("PNG image"),
}


class EuroField(forms.CharField):
    """An amount in euros typed the Finnish way (1 234,50) or with a point; never negative."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": 20})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 20:
            raise forms.ValidationError(_("“%(value)s” is not an amount in euros.") % {"value": value[:20]})
        try:
            return parse_amount(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid_amount") from exc


def check_size(upload) -> None:
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise forms.ValidationError(
            _("The file is too large (%(size)s). The largest allowed is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(settings.MAX_UPLOAD_SIZE)}
        )


class GrantRoundForm(OneTimeSubmissionMixin, forms.ModelForm):
    budget = EuroField(label=_("Budget (€)"))

    class Meta:
        model = GrantRound
        fields = [
            "name",
            "year",
            "grant_type",
            "budget",
            "opens_on",
            "closes_on",
            "decision_body",
            "decision_date",
            "decision_section",
            "payment_rule",
        ]
        widgets = {"opens_on": DATE, "closes_on": DATE, "decision_date": DATE}

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The application period cannot close before it opens."))
        return data


class GrantForm(ComboboxFormMixin, OneTimeSubmissionMixin, forms.ModelForm):
    amount_applied = EuroField(label=_("Amount applied (€)"), required=False)
    amount_granted = EuroField(label=_("Amount granted (€)"), required=False)
    year_amounts = forms.CharField(
        label=_("Amounts per year"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for a multi-year grant: one line per year, for example 2026: 40 000."),
    )

    class Meta:
        model = Grant
        fields = [
            "organisation",
            "grant_round",
            "grant_type",
            "funder",
            "funder_municipality",
            "funder_name",
            "stea_type",
            "year",
            "municipality",
            "activity",
            "purpose",
            "amount_applied",
            "amount_granted",
            "decision_date",
            "decision_section",
            "conditions",
            "status",
            "report_due_on",
            "listed_in_lahella",
            "listed_in_ptv",
            "goals",
        ]
        widgets = {
            "goals": forms.CheckboxSelectMultiple,
            "decision_date": DATE,
            "report_due_on": DATE,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.fields["organisation"].queryset.order_by("name_fi")
        make_combobox(self, "organisation", ORGANISATIONS)
        if self.instance.pk:
            shares = list(self.instance.years.all())
            if len(shares) > 1:
                self.initial["year_amounts"] = "\n".join(
                    f"{share.year}: {share.amount:.2f}".replace(".", ",") for share in shares
                )

    def clean_year_amounts(self) -> dict[int, Decimal] | None:
        text = self.cleaned_data["year_amounts"].strip()
        if not text:
            return None
        shares: dict[int, Decimal] = {}
        for line in text.splitlines():
            if not line.strip():
                continue
            year, _sep, amount = line.partition(":")
            if not year.strip().isdigit() or not amount.strip():
                raise forms.ValidationError(_("Write each line as year: amount, for example 2026: 40 000."))
            try:
                shares[int(year)] = parse_amount(amount.strip())
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return shares

    def clean(self):
        data = super().clean()
        for name in ("amount_applied", "amount_granted"):
            if data.get(name) is None and name not in self.errors:
                data[name] = Decimal("0")
        funder = data.get("funder")
        if funder == Funder.MUNICIPALITY and not data.get("funder_municipality"):
            self.add_error("funder_municipality", _("Choose the municipality that funds the grant."))
        if funder == Funder.OTHER and not data.get("funder_name"):
            self.add_error("funder_name", _("Give the name of the funder."))
        if data.get("stea_type") and funder != Funder.STEA:
            self.add_error("stea_type", _("A STEA grant type is given only for STEA grants."))
        if funder == Funder.STEA and not data.get("stea_type"):
            self.add_error("stea_type", _("Choose the STEA grant type (Ay, Ak, B or C)."))
        shares = data.get("year_amounts")
        granted = data.get("amount_granted")
        if shares and granted is not None and sum(shares.values()) > granted:
            self.add_error("year_amounts", _("The yearly amounts add up to more than the amount granted."))
        return data


class PaymentForm(OneTimeSubmissionMixin, forms.ModelForm):
    planned_amount = EuroField(label=_("Planned amount (€)"))
    paid_amount = EuroField(label=_("Paid amount (€)"), required=False)

    class Meta:
        model = Payment
        fields = ["planned_on", "planned_amount", "paid_on", "paid_amount"]
        widgets = {"planned_on": DATE, "paid_on": DATE}

    def clean(self):
        data = super().clean()
        if (
            bool(data.get("paid_on")) != (data.get("paid_amount") is not None)
            and "paid_amount" not in self.errors
        ):
            self.add_error("paid_on", _("Give both the date and the amount of a payment made."))
        return data


class UseReportForm(FileAgainMixin, forms.Form):
    file = forms.FileField(
        label=_("Use report"), help_text=_("A PDF, Word, Excel or OpenDocument file, or a JPEG or PNG scan.")
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload)
        head = upload.read(8192)
        upload.seek(0)
        kind = filetype.guess(head)
        if kind is None or kind.mime not in REPORT_TYPES:
            raise forms.ValidationError(
                _(
                    "The file type is not accepted. Upload a PDF, Word, Excel or OpenDocument file, "
                    "or a JPEG or PNG image."
                )
            )
        return upload


class ImportForm(FileAgainMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "An XLSX or CSV file with a header row: business_id, year, activity, amount_granted; optional: "
            "amount_applied, funder, stea_type, grant_type, municipality, status, decision_date, "
            "report_due_on, purpose."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload)
        return upload


class ScoreForm(forms.Form):
    """One score and comment per criterion of an evaluation model."""

    def __init__(self, *args, criteria: list[Criterion], initial_scores: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            existing = initial_scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s (weight %(weight)s, 0–%(max)s)")
                % {"criterion": criterion.name, "weight": criterion.weight, "max": criterion.max_score},
                min_value=0,
                max_value=criterion.max_score,
                initial=existing.score if existing else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=2000,
                initial=existing.comment if existing else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self):
        return [
            (c, self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        ]
