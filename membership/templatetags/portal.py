"""The one form-rendering path (templates/includes/field.html, error_summary.html) and content language."""

from django import forms, template
from django.utils.html import format_html

from ..kernel.translated import page_language, shown_language

register = template.Library()


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_multiple_choice(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


@register.filter
def is_required(field) -> bool:
    """Required by the form's real validation: the field itself, or a rule of the form that names it
    in `required_on_submit` (such as a call's personal-deputy rule)."""
    return field.field.required or field.name in getattr(field.form, "required_on_submit", ())


@register.filter
def has_link(help_text) -> bool:
    return "<a " in str(help_text)


@register.filter
def first_control_id(field) -> str:
    """Where an error link leads: the first radio or checkbox of a group, else the control itself."""
    if is_multiple_choice(field):
        subwidgets = field.subwidgets
        return subwidgets[0].id_for_label if subwidgets else field.auto_id
    return field.id_for_label or field.auto_id


@register.filter
def described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_errors")
    return " ".join(ids)


@register.filter
def with_described_by(field):
    """Render the widget pointing at its help text and its errors, so screen readers read both."""
    attrs = {}
    if ids := described_by(field):
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    if is_required(field) and not field.field.required:
        attrs["aria-required"] = "true"
    if isinstance(field.field.widget, forms.RadioSelect) and is_required(field):
        # A required group has nothing to choose in "---------": no radio is checked until the user picks.
        field.field.widget.choices = [c for c in field.field.widget.choices if c[0] not in ("", None)]
    return field.as_widget(attrs=attrs)


@register.simple_tag
def content_lang(language: str) -> str:
    """` lang="xx"` when content in `language` sits on a page in another language (WCAG 3.1.2)."""
    if language and language.split("-")[0] != page_language():
        return format_html(' lang="{}"', language)
    return ""


@register.simple_tag
def lang_of(obj, stem: str) -> str:
    """` lang="fi"` on the element holding `obj.<stem>` when it falls back to Finnish on another page."""
    return content_lang(shown_language(obj, stem))


@register.simple_tag
def translated(obj, stem: str) -> str:
    """`obj.<stem>` in the page's language, marked `lang="fi"` when it falls back to Finnish."""
    value = getattr(obj, stem)
    language = shown_language(obj, stem)
    if language != page_language():
        return format_html('<span lang="{}">{}</span>', language, value)
    return value
