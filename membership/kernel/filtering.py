"""List filters whose options come from the database: read once per request, with plain queries."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceField


class ChoicesOnce:
    """FilterSet mixin: each model choice field reads its options once, in one plain query.

    A ModelChoiceField reads its queryset afresh each time its options are iterated (the field
    templates and the widget do so more than once), and through `iterator()`, which on
    PostgreSQL opens a server-side cursor (DECLARE … WITH HOLD, FETCH, CLOSE). The profile of
    the grants list showed those round trips as most of its filter form's time.
    """

    @property
    def form(self):
        if not hasattr(self, "_form"):
            for field in super().form.fields.values():
                if isinstance(field, ModelChoiceField):
                    # Django's own setter: django-filter's would wrap the list in its lazy iterator.
                    forms.ChoiceField.choices.fset(field, _choices(field))
        return self._form


def _choices(field: ModelChoiceField) -> list[tuple]:
    # The same options, in the same order, as django-filter's ModelChoiceIterator yields.
    iterator = field.iterator(field)
    head = [] if field.empty_label is None else [("", field.empty_label)]
    if getattr(field, "null_label", None) is not None:
        head.append((field.null_value, field.null_label))
    return head + [iterator.choice(obj) for obj in field.queryset]
