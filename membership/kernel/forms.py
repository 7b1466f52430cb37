"""Form limits taken from the models (so that no input reaches the database that it refuses), and the
robot trap of the sign-up form."""

from django import forms
from django.db.models import EmailField
from django.template import loader
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# Every e-mail column of the portal is a models.EmailField of Django's default length (254).
EMAIL_LENGTH = EmailField().max_length


class TrapInput(forms.TextInput):
    """A text box that people never see (display: none, so no screen reader or Tab reaches it)
    and that form-filling robots fill in like any other."""

    template_name = "includes/trap_input.html"
    # includes/field.html renders a hidden widget bare: no visible label, no help, no error list.
    is_hidden = True

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        # The project's templates, not the form renderer's (which sees only Django's own).
        html = loader.render_to_string(self.template_name, self.get_context(name, value, attrs))
        return mark_safe(html)  # noqa: S308 - the template autoescapes every value


class TrapField(forms.CharField):
    """A field that only a robot fills: a sign-up with it filled is refused."""

    def __init__(self) -> None:
        super().__init__(
            required=False,
            label=_("Leave this field empty"),
            widget=TrapInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def clean(self, value: str) -> str:
        if value:
            raise forms.ValidationError(_("The form could not be accepted. Please try again."), code="trap")
        return ""
