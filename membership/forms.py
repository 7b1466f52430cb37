from django import forms
from django.utils.translation import gettext_lazy as _

from .kernel.forms import EMAIL_LENGTH, TrapField
from .kernel.throttle import looks_like_spam
from .models import (
    AccessibilityFeedback,
    Organisation,
    PrhMainClass,
    Role,
    SeatCategory,
    SitePage,
    User,
)
from .validators import normalise_business_id


class SignupExtraForm(forms.Form):
    """The name fields allauth's sign-up form adds; the name appears on nominations and minutes."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    # Sign-ups by robots send verification mail to addresses of their choosing: a trap field,
    # besides the limit per address, keeps the simple ones out without a CAPTCHA (WCAG 1.1.1).
    homepage = TrapField()

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class OrganisationForm(forms.ModelForm):
    contact_title = forms.CharField(
        label=_("Your role in the organisation"),
        max_length=100,
        required=False,
        help_text=_("For example chair, secretary or executive director."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name_fi",
            "name_sv",
            "business_id",
            "association_number",
            "prh_class",
            "seat_category",
            "municipalities",
            "home_municipality",
            "target_groups",
            "languages",
            "is_volunteer_run",
            "website",
            "lahella_url",
        ]
        widgets = {
            "municipalities": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "business_id": {"unique": _("An organisation with this business ID is already registered.")},
        }

    def __init__(self, *args, with_contact_title: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_contact_title:
            del self.fields["contact_title"]
        self.fields["seat_category"].queryset = SeatCategory.objects.filter(is_active=True)
        self.fields["seat_category"].help_text = _(
            "The organisation type in which it can be nominated to the council."
        )
        self.fields["business_id"].widget.attrs.update({"autocomplete": "off", "inputmode": "text"})

    def clean_business_id(self) -> str:
        return normalise_business_id(self.cleaned_data["business_id"])

    def clean(self):
        data = super().clean()
        home, municipalities = data.get("home_municipality"), data.get("municipalities")
        if home and municipalities is not None and home not in municipalities:
            self.add_error("home_municipality", _("Choose the home municipality among those where it works."))
        return data


class OrganisationInviteForm(forms.Form):
    email = forms.EmailField(label=_("Your colleague's email address"), max_length=EMAIL_LENGTH)


class RoleInviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=EMAIL_LENGTH)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, can_invite_admin: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (Role.STAFF, Role.STAFF.label),
            (Role.BOARD, Role.BOARD.label),
            (Role.MEMBER, Role.MEMBER.label),
        ]
        if can_invite_admin:
            choices.append((Role.ADMIN, Role.ADMIN.label))
        self.fields["role"].choices = choices


class PrhMainClassForm(forms.ModelForm):
    class Meta:
        model = PrhMainClass
        fields = ["code", "name_fi", "name_sv", "name_en", "order"]


class SeatCategoryForm(forms.ModelForm):
    class Meta:
        model = SeatCategory
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "prh_class",
            "is_multi_sector",
            "order",
            "is_active",
        ]
        widgets = {f"description_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in ("fi", "sv", "en")}


class SitePageForm(forms.ModelForm):
    class Meta:
        model = SitePage
        fields = ["body_fi", "body_sv", "body_en"]
        widgets = {f"body_{lang}": forms.Textarea(attrs={"rows": 12}) for lang in ("fi", "sv", "en")}


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["page_url", "message", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "page_url": _("The address or name of the page, if the problem is on a particular page."),
            "email": _("Optional. Give it if you want a reply."),
        }

    def clean_message(self) -> str:
        message = self.cleaned_data["message"]
        if looks_like_spam(message):
            raise forms.ValidationError(_("Write the feedback without links, or with at most three."))
        return message
