"""The form renderer keeps empty controls' markup: the same markup as Django's, never a typed value."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from membership.kernel.form_renderer import EmptyControlRenderer
from membership.models import Nomination


class Sample(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=20,
        help_text=_("Only if the deputy comes from another organisation of the same category."),
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    capacity = forms.ChoiceField(choices=Nomination.Capacity.choices, widget=forms.RadioSelect)
    agrees = forms.BooleanField()
    kind = forms.ChoiceField(choices=[("a", mark_safe("<b>A</b>")), ("b", "<i>B</i>")])  # noqa: S308


TYPED = {"name": "Matti Meikäläinen", "notes": "Puhelin 040 765 4321", "capacity": "volunteer", "kind": "b"}


def _markup(form: forms.Form) -> dict[str, str]:
    return {field.name: str(field) for field in form}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("data", [None, TYPED], ids=["empty", "typed"])
def test_every_control_is_the_markup_djangos_own_renderer_writes(language, data):
    kept = EmptyControlRenderer()
    with translation.override(language):
        expected = _markup(Sample(data, renderer=DjangoTemplates()))
        assert _markup(Sample(data, renderer=kept)) == expected
        assert _markup(Sample(data, renderer=kept)) == expected  # the second time from memory
    if data is None:
        assert len(kept._kept) == 5


def test_a_control_in_another_language_is_kept_apart():
    kept = EmptyControlRenderer()
    with translation.override("fi"):
        finnish = str(Sample(renderer=kept)["capacity"])
    with translation.override("sv"):
        swedish = str(Sample(renderer=kept)["capacity"])
        assert swedish == str(Sample(renderer=DjangoTemplates())["capacity"])
    assert swedish != finnish


def test_a_safe_label_and_an_escaped_one_of_the_same_text_are_kept_apart():
    class Escaped(forms.Form):
        kind = forms.ChoiceField(choices=[("a", "<b>A</b>"), ("b", "<i>B</i>")])

    kept = EmptyControlRenderer()
    assert "<b>A</b>" in str(Sample(renderer=kept)["kind"])
    assert "&lt;b&gt;A&lt;/b&gt;" in str(Escaped(renderer=kept)["kind"])


def test_nothing_a_user_typed_or_chose_is_kept():
    kept = EmptyControlRenderer()
    str(Sample(TYPED, renderer=kept))
    # Only the one control left empty, the unticked box, is kept.
    assert [dict(key[2][1])["name"] for key in kept._kept] == [("str", "agrees")]
    assert "Meikäläinen" not in repr(kept._kept)
    assert "040 765 4321" not in repr(kept._kept)


def test_the_portal_renders_its_forms_with_it():
    assert isinstance(get_default_renderer(), EmptyControlRenderer)
