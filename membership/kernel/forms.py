"""Form limits taken from the models (so that no input reaches the database that it refuses), the
robot trap of the sign-up form, and the note that a file must be chosen again after an error."""

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


class FileAgainMixin:
    """For forms with file fields: browsers cannot refill a file input, so when a bound form has
    errors, each file field that received a file gets an error of its own. The error summary then
    tells the user to choose the file again, instead of the file being lost without a word.

    Errors that a view adds after validation (`form.add_error`) count too."""

    file_again_message = _("Choose the file again: a file is not kept when the form has errors.")
    _validating = False

    def full_clean(self) -> None:
        # Wait for every field's own error: a file field with one needs no second.
        self._validating = True
        try:
            super().full_clean()  # type: ignore[misc]
        finally:
            self._validating = False
        self._ask_for_files_again()

    def add_error(self, field: str | None, error) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        if not self._validating:
            self._ask_for_files_again()

    def _ask_for_files_again(self) -> None:
        errors = self._errors  # type: ignore[attr-defined]
        if not errors:
            return
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if (
                isinstance(field, forms.FileField)
                and name not in errors
                and self.files.get(self.add_prefix(name))  # type: ignore[attr-defined]
            ):
                super().add_error(name, forms.ValidationError(self.file_again_message, code="file_again"))  # type: ignore[misc]
