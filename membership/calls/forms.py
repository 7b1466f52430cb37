"""Forms of calls, nominations, review, the decision and seats."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..combobox import ComboboxFormMixin, make_combobox
from ..kernel.evaluation import EvaluationError, check_weights_total, plain
from ..kernel.forms import EMAIL_LENGTH, FileAgainMixin
from ..kernel.submission import OneTimeSubmissionMixin
from ..models import (
    CouncilMembership,
    DecisionReason,
    Municipality,
    MunicipalityQuota,
    Nomination,
    NominationCall,
    Organisation,
    SeatCategory,
)
from .permissions import deputy_organisations
from .searches import DEPUTY_ORGANISATIONS
from .uploads import validate_document

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CRITERIA_ROWS = 5


class CallForm(OneTimeSubmissionMixin, forms.ModelForm):
    """The call and its composition rules: seats per category and quotas per municipality."""

    class Meta:
        model = NominationCall
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "criteria_fi",
            "criteria_sv",
            "criteria_en",
            "time_commitment_fi",
            "time_commitment_sv",
            "time_commitment_en",
            "term_starts_on",
            "term_ends_on",
            "opens_at",
            "closes_at",
            "total_seats",
            "personal_deputies",
            "max_consecutive_terms",
            "has_chair",
            "has_vice_chair",
            "has_board_representative",
            "retention_until",
        ]
        widgets = {
            "term_starts_on": DATE,
            "term_ends_on": DATE,
            "retention_until": DATE,
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            **{
                f"{stem}_{lang}": forms.Textarea(attrs={"rows": 3})
                for stem in ("description", "criteria", "time_commitment")
                for lang in ("fi", "sv", "en")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(SeatCategory.objects.filter(is_active=True))
        self.municipalities = list(Municipality.objects.all())
        seats, quotas = {}, {}
        if self.instance.pk:
            seats = {r.seat_category_id: r for r in self.instance.seat_rules.all()}
            quotas = {q.municipality_id: q for q in self.instance.quotas.all()}
        for category in self.categories:
            rule = seats.get(category.pk)
            self.fields[f"seats_min_{category.pk}"] = forms.IntegerField(
                label=_("%(category)s: seats at least") % {"category": category.name},
                min_value=0,
                max_value=50,
                required=False,
                initial=rule.min_seats if rule else None,
                help_text=_("Leave both empty if the category has no seats in this call."),
            )
            self.fields[f"seats_max_{category.pk}"] = forms.IntegerField(
                label=_("%(category)s: seats at most") % {"category": category.name},
                min_value=0,
                max_value=50,
                required=False,
                initial=rule.max_seats if rule else None,
            )
        self._add_criteria_fields()
        for municipality in self.municipalities:
            quota = quotas.get(municipality.pk)
            self.fields[f"quota_kind_{municipality.pk}"] = forms.ChoiceField(
                label=_("%(municipality)s: quota") % {"municipality": municipality.name},
                choices=[("", _("no quota")), *MunicipalityQuota.Kind.choices],
                required=False,
                initial=quota.kind if quota else "",
                help_text=_("Organisations count toward their home municipality only."),
            )
            self.fields[f"quota_seats_{municipality.pk}"] = forms.IntegerField(
                label=_("%(municipality)s: seats") % {"municipality": municipality.name},
                min_value=0,
                max_value=50,
                required=False,
                initial=quota.seats if quota else None,
            )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("term_starts_on"), data.get("term_ends_on")
        if starts and ends and ends <= starts:
            self.add_error("term_ends_on", _("The term must end after it starts."))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        self.seats, self.quotas = {}, {}
        for category in self.categories:
            low, high = data.get(f"seats_min_{category.pk}"), data.get(f"seats_max_{category.pk}")
            if low is None and high is None:
                continue
            low, high = low or 0, high if high is not None else low
            if high < low or high == 0:
                self.add_error(
                    f"seats_max_{category.pk}", _("Give at least one seat, and no fewer than the minimum.")
                )
            self.seats[category.pk] = (low, high)
        if not self.seats and not self.errors:
            raise forms.ValidationError(_("Give seats to at least one category."))
        if self.instance.supplementary_for_id:
            self._check_vacant()
        self._clean_criteria(data)
        for municipality in self.municipalities:
            kind, seats = (
                data.get(f"quota_kind_{municipality.pk}"),
                data.get(f"quota_seats_{municipality.pk}"),
            )
            if not kind:
                continue
            if seats is None:
                self.add_error(f"quota_seats_{municipality.pk}", _("Give the number of seats of the quota."))
                continue
            self.quotas[municipality.pk] = MunicipalityQuota.bounds(kind, seats)
        return data

    def _add_criteria_fields(self) -> None:
        """Up to CRITERIA_ROWS published criteria with weights; fixed once scoring has started."""
        existing = list(self.instance.scoring_criteria.all()) if self.instance.pk else []
        self.scoring_started = bool(existing) and any(c.scores.exists() for c in existing)
        if self.scoring_started:
            return
        for index in range(CRITERIA_ROWS):
            criterion = existing[index] if index < len(existing) else None
            self.fields[f"criterion_fi_{index}"] = forms.CharField(
                label=_("Scoring criterion %(n)s in Finnish") % {"n": index + 1},
                max_length=200,
                required=False,
                initial=criterion.name_fi if criterion else "",
            )
            self.fields[f"criterion_sv_{index}"] = forms.CharField(
                label=_("Scoring criterion %(n)s in Swedish") % {"n": index + 1},
                max_length=200,
                required=False,
                initial=criterion.name_sv if criterion else "",
            )
            self.fields[f"criterion_weight_{index}"] = forms.DecimalField(
                label=_("Weight of criterion %(n)s (%%)") % {"n": index + 1},
                min_value=0,
                max_value=100,
                decimal_places=2,
                required=False,
                initial=criterion.weight if criterion else None,
                help_text=_("The weights of the criteria must add up to 100 %.") if index == 0 else "",
            )

    def _clean_criteria(self, data) -> None:
        self.criteria = None
        if self.scoring_started:
            return
        self.criteria = []
        for index in range(CRITERIA_ROWS):
            name = data.get(f"criterion_fi_{index}")
            weight = data.get(f"criterion_weight_{index}")
            if not name and weight is None:
                continue
            if not name or weight is None:
                self.add_error(
                    f"criterion_fi_{index}" if not name else f"criterion_weight_{index}",
                    _("Give both the criterion and its weight."),
                )
                continue
            self.criteria.append((name, data.get(f"criterion_sv_{index}", ""), weight))
        if self.criteria:
            try:
                check_weights_total(weight for _fi, _sv, weight in self.criteria)
            except EvaluationError as error:
                self.add_error("criterion_weight_0", str(error))

    def _check_vacant(self) -> None:
        """A supplementary call seeks only the seats its parent's decision left vacant."""
        from .vacancies import vacant_counts

        vacant = vacant_counts(self.instance.supplementary_for)
        for category in self.categories:
            high = self.seats.get(category.pk, (0, 0))[1]
            if high > vacant.get(category.pk, 0):
                self.add_error(
                    f"seats_max_{category.pk}",
                    _("A supplementary call can seek only vacant seats: %(count)s vacant in this category.")
                    % {"count": vacant.get(category.pk, 0)},
                )


def _read_once(field: forms.ModelChoiceField, rows=None) -> None:
    """Give a model choice of a few rows its choices as a list, read by one plain query.

    Its own iterator reads the rows again, through a server-side cursor, each time the page
    looks at them (twice for a select: once more for its `required` attribute).
    """
    iterator = field.iterator(field)
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + [iterator.choice(row) for row in (field.queryset if rows is None else rows)]


class NominationForm(FileAgainMixin, ComboboxFormMixin, forms.ModelForm):
    """The NGO's nomination: the representative, the deputy and the justification."""

    organisation = forms.ModelChoiceField(
        label=_("Nominating organisation"), queryset=Organisation.objects.none()
    )

    class Meta:
        model = Nomination
        fields = [
            "seat_category",
            "representative_name",
            "representative_email",
            "representative_phone",
            "representative_role",
            "representative_capacity",
            "deputy_name",
            "deputy_email",
            "deputy_phone",
            "deputy_role",
            "deputy_capacity",
            "deputy_organisation",
            "motivation",
            "expertise",
            "networks",
            "languages",
            "accepts_time_commitment",
            "consents_to_processing",
            "attachment",
        ]
        widgets = {
            "representative_capacity": forms.RadioSelect,
            "deputy_capacity": forms.RadioSelect,
            "motivation": forms.Textarea(attrs={"rows": 4}),
            "expertise": forms.Textarea(attrs={"rows": 4}),
            "networks": forms.Textarea(attrs={"rows": 3}),
            "representative_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "deputy_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "representative_phone": forms.TextInput(attrs={"type": "tel"}),
            "deputy_phone": forms.TextInput(attrs={"type": "tel"}),
        }
        help_texts = {
            "motivation": _("Why this person, and what they would bring to the council."),
            "networks": _("For example a network of smaller associations the nominee represents."),
            "languages": _("For example Finnish, Swedish, Arabic."),
            "attachment": _("Optional, for example the board's decision. PDF, DOCX or ODT."),
            "deputy_organisation": _(
                "Only if the deputy comes from another organisation of the same category."
            ),
        }

    def __init__(self, *args, call: NominationCall, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        category_ids = [r.seat_category_id for r in call.seat_rules.all()]
        self.fields["seat_category"].queryset = SeatCategory.objects.filter(pk__in=category_ids)
        # No category is chosen for the NGO (the first one was, and was sent unnoticed), unless its
        # own category is one of the call's (below).
        self.fields["seat_category"].empty_label = _("Choose the category")
        self.fields["deputy_organisation"].queryset = deputy_organisations(category_ids).order_by("name_fi")
        # With personal deputies the deputy's organisation is of the nomination's category (clean()).
        same_category = "seat_category" if call.personal_deputies else ""
        make_combobox(
            self, "deputy_organisation", DEPUTY_ORGANISATIONS, {"pk": call.pk}, depends_on=same_category
        )
        self.fields["deputy_capacity"].choices = list(Nomination.Capacity.choices)
        self.fields["accepts_time_commitment"].label = _(
            "I have read the expected time commitment and the nominees can commit to it."
        )
        self.fields["consents_to_processing"].label = _(
            "The nominees agree that their personal data is processed as the privacy notice describes."
        )
        self.fields["consents_to_processing"].required = True
        self.fields["consents_to_processing"].error_messages["required"] = _(
            "The nomination cannot be saved without consent to the processing of personal data."
        )
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
            self.fields["organisation"].empty_label = _("Choose the organisation")
            if len(organisations) == 1:
                only = organisations[0]
                self.fields["organisation"].initial = only
                if only.seat_category_id in category_ids:
                    self.fields["seat_category"].initial = only.seat_category_id
            self.order_fields(["organisation"])
        for name in ("seat_category", "organisation"):
            if name in self.fields:
                _read_once(self.fields[name], organisations if name == "organisation" else None)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "content_type"):
            validate_document(upload)
        return upload

    def clean_seat_category(self):
        category = self.cleaned_data["seat_category"]
        if not self.call.seat_rules.filter(seat_category=category).exists():
            raise forms.ValidationError(_("This category has no seats in this call."))
        return category

    def clean(self):
        data = super().clean()
        category = data.get("seat_category")
        deputy_organisation = data.get("deputy_organisation")
        organisation = data.get("organisation") or getattr(self.instance, "organisation", None)
        if deputy_organisation and organisation and deputy_organisation.pk == organisation.pk:
            data["deputy_organisation"] = None
        elif (
            deputy_organisation
            and category
            and self.call.personal_deputies
            and deputy_organisation.seat_category_id != category.pk
        ):
            self.add_error(
                "deputy_organisation",
                _(
                    "In this call the deputy must come from an organisation "
                    "of the same category (%(category)s)."
                )
                % {"category": category},
            )
        if self.data.get("action") == "submit":
            # Every missing answer in one go, with the other errors: not a second round of errors.
            self.require_for_submission()
        return data

    @property
    def required_on_submit(self) -> tuple[str, ...]:
        """The fields a draft may leave empty but a submitted nomination must have (marked required)."""
        deputy = ("deputy_name", "deputy_email", "deputy_role", "deputy_capacity")
        return (*(deputy if self.call.personal_deputies else ()), "accepts_time_commitment")

    def require_for_submission(self) -> bool:
        for name in self.required_on_submit:
            if self.cleaned_data.get(name) or name in self.errors:
                continue
            if name.startswith("deputy_"):
                self.add_error(name, _("The call asks for a personal deputy: fill this in."))
            else:
                self.add_error(name, _("Confirm the time commitment before you submit."))
        return not self.errors


class ScoreForm(forms.ModelForm):
    score = forms.TypedChoiceField(
        label=_("Score against the criteria"),
        choices=[("", "–")] + [(i, str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 = weak, 5 = excellent."),
    )

    class Meta:
        model = Nomination
        fields = ["score", "score_comment"]
        widgets = {"score_comment": forms.Textarea(attrs={"rows": 3})}


class CriteriaScoreForm(forms.Form):
    """A score and a comment per published criterion of the nomination's call."""

    def __init__(self, *args, nomination: Nomination, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(nomination.call.scoring_criteria.all())
        given = {s.criterion_id: s for s in nomination.criterion_scores.all()}
        for criterion in self.criteria:
            score = given.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)s %%)")
                % {"criterion": criterion.name, "weight": plain(criterion.weight)},
                choices=[("", "–")] + [(n, n) for n in range(criterion.max_score + 1)],
                coerce=int,
                initial=score.score if score else "",
                error_messages={"required": _("Score every criterion.")},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on: %(criterion)s") % {"criterion": criterion.name},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )

    def values(self):
        return [
            (c, self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        ]


class DecisionForm(forms.Form):
    body = forms.CharField(
        label=_("Deciding body"),
        max_length=200,
        initial=_("Local democracy and participation committee"),
    )
    date = forms.DateField(label=_("Date of the decision"), widget=DATE)
    section = forms.CharField(label=_("Section (§)"), max_length=20, help_text=_("For example § 33."))

    def __init__(self, *args, call: NominationCall, issues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        # One reason per rule the proposal breaks; fields are numbered, the issue keys kept beside them.
        self.issues = list(issues)
        for index, issue in enumerate(self.issues):
            self.fields[f"reason_kind_{index}"] = forms.ChoiceField(
                label=_("Board's decision on: %(rule)s") % {"rule": issue.message},
                choices=[("", "–"), *DecisionReason.Kind.choices],
                error_messages={"required": _("Choose what the board decided on this broken rule.")},
            )
            self.fields[f"reason_text_{index}"] = forms.CharField(
                label=_("Reason for: %(rule)s") % {"rule": issue.message},
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Give the board's reason for deviating from this rule.")},
            )
        for flag, position, label in (
            ("has_chair", CouncilMembership.Position.CHAIR, _("Chair")),
            ("has_vice_chair", CouncilMembership.Position.VICE_CHAIR, _("Vice-chair")),
            (
                "has_board_representative",
                CouncilMembership.Position.BOARD_REPRESENTATIVE,
                _("Board representative"),
            ),
        ):
            if getattr(call, flag):
                self.fields[f"{position}_name"] = forms.CharField(
                    label=_("%(seat)s: name") % {"seat": label}, max_length=200, required=False
                )
                self.fields[f"{position}_email"] = forms.EmailField(
                    label=_("%(seat)s: email") % {"seat": label}, required=False, max_length=EMAIL_LENGTH
                )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The decision cannot be dated in the future."))
        return date

    def reasons(self) -> dict:
        from .decision import Reason

        return {
            issue.key: Reason(self.cleaned_data[f"reason_kind_{i}"], self.cleaned_data[f"reason_text_{i}"])
            for i, issue in enumerate(self.issues)
        }

    def extra_seats(self):
        from .decision import ExtraSeat

        seats = []
        for position in CouncilMembership.Position.values:
            name = self.cleaned_data.get(f"{position}_name")
            if name:
                seats.append(ExtraSeat(position, name, self.cleaned_data.get(f"{position}_email", "")))
        return seats


class ResignForm(forms.Form):
    last_day = forms.DateField(label=_("Last day in the council"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
    replacement = forms.ChoiceField(
        label=_("Replacement"),
        widget=forms.RadioSelect,
        choices=[
            ("none", _("No replacement now")),
            ("deputy", _("The personal deputy becomes the member")),
            ("new", _("Appoint a new person")),
        ],
        initial="none",
    )
    new_name = forms.CharField(label=_("New person's name"), max_length=200, required=False)
    new_email = forms.EmailField(label=_("New person's email"), required=False, max_length=EMAIL_LENGTH)

    def __init__(self, *args, membership: CouncilMembership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean(self):
        data = super().clean()
        last_day = data.get("last_day")
        if last_day and not (self.membership.starts_on <= last_day <= self.membership.ends_on):
            self.add_error("last_day", _("The day must fall within the term."))
        if data.get("replacement") == "new" and not data.get("new_name"):
            self.add_error("new_name", _("Give the new person's name."))
        if data.get("replacement") == "deputy" and not self.membership.deputies.exists():
            self.add_error("replacement", _("This seat has no deputy."))
        return data


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("The person's email address"), max_length=EMAIL_LENGTH)
    reason = forms.CharField(
        label=_("Reason for the erasure"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only to erase, for example: the person's request of 3.2.2027."),
    )

    def clean(self):
        data = super().clean()
        if self.data.get("action") == "erase" and not data.get("reason"):
            self.add_error("reason", _("Give the reason for the erasure."))
        return data


class SupplementaryCallForm(forms.Form):
    """A supplementary call for some of a decided call's vacant seats."""

    opens_at = forms.DateTimeField(label=_("Opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DATETIME)

    def __init__(self, *args, vacant: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = SeatCategory.objects.in_bulk(list(vacant))
        for category_id, count in vacant.items():
            self.fields[f"seats_{category_id}"] = forms.IntegerField(
                label=_("%(category)s: seats sought") % {"category": self.categories[category_id].name},
                min_value=0,
                max_value=count,
                initial=count,
                help_text=_("%(count)s vacant.") % {"count": count},
                error_messages={"max_value": _("Only %(limit_value)s seats are vacant in this category.")},
            )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        return data

    def seats(self) -> dict[int, int]:
        return {pk: self.cleaned_data.get(f"seats_{pk}") or 0 for pk in self.categories}
