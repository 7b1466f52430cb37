"""List filters: the free-text search every list has, and filters whose options come from the
database, read once per request with plain queries, their rendered form cached for as long as those
options and the submitted values stay the same.
"""

from __future__ import annotations

import hashlib
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceField
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import versions


class SearchFilter(django_filters.CharFilter):
    """The search box of a list: rows where any of `fields` contains the text, case-insensitively.

    An organisation is searched by its Finnish and its Swedish name alike (name it by both
    columns), so that a Swedish-speaking association is found by the name it uses.
    """

    def __init__(self, *fields: str, label: str) -> None:
        super().__init__(label=label)
        self.fields = fields

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        value = (value or "").strip()
        if not value:
            return qs
        match = Q()
        for column in self.fields:
            match |= Q(**{f"{column}__icontains": value})
        return qs.filter(match)


class YesNoAll(django_filters.widgets.BooleanWidget):
    """A yes/no filter whose empty choice lists everything ("All", not django-filter's "Unknown")."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


class ChoicesOnce:
    """FilterSet mixin: each model choice field reads its options once, in one plain query.

    A ModelChoiceField reads its queryset afresh each time its options are iterated (the field
    templates and the widget do so more than once), and through `iterator()`, which on
    PostgreSQL opens a server-side cursor (DECLARE … WITH HOLD, FETCH, CLOSE). The profile of
    the grants list showed those round trips as most of its filter form's time.
    """

    _form: forms.Form

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            for field in super().form.fields.values():  # type: ignore[misc]  # mixed into a FilterSet
                if isinstance(field, ModelChoiceField):
                    # Django's own setter: django-filter's would wrap the list in its lazy iterator.
                    setter: Any = forms.ChoiceField.choices
                    setter.fset(field, _ReadOnce(field))
        return self._form

    @property
    def fragment_key(self) -> str:
        """Everything the rendered filter form depends on: language, submitted values, every option.

        includes/filter_form.html caches the form's HTML under this key, so a new or renamed
        option (a grant round, say) is a new key: no invalidation is needed. The options of a
        model that `versions` follows (the classifications, edited in the admin) stand in the key
        by that model's data version, so a cached form reads none of them; other options are
        read and put in the key themselves.
        """
        form = self.form
        parts = [type(self).__name__, get_language() or ""]
        by_version: dict[str, Any] = {}
        for name, field in form.fields.items():
            parts.append(
                repr(form.data.getlist(name) if hasattr(form.data, "getlist") else form.data.get(name))
            )
            if isinstance(field, ModelChoiceField) and _followed(field):
                by_version[name] = field
            elif isinstance(field, forms.ChoiceField):
                parts.append(_options(field))
        if by_version:
            topics = sorted(set().union(*(versions.topics_of(f.queryset.model) for f in by_version.values())))
            known = versions.current(topics)
            if known is None:  # no versions readable: the options themselves, then
                parts += [_options(field) for field in by_version.values()]
            else:
                parts += [f"{topic}={known[topic]}" for topic in topics]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _followed(field: ModelChoiceField) -> bool:
    # Only a whole table's options are told by its version: a filtered queryset (a user's scope)
    # is not.
    queryset = field.queryset
    return queryset is not None and not queryset.query.where and bool(versions.topics_of(queryset.model))


def _options(field: Any) -> str:
    return repr([(str(value), str(label)) for value, label in field.choices])


class _ReadOnce(BaseChoiceIterator):
    """The options, read on first use (a filter whose form is never shown reads none), then kept."""

    def __init__(self, field: Any):
        self.field = field
        self.options: list[tuple] | None = None

    def __iter__(self):
        if self.options is None:
            self.options = _choices(self.field)
        return iter(self.options)


def _choices(field: Any) -> list[tuple]:
    # The same options, in the same order, as django-filter's ModelChoiceIterator yields.
    iterator = field.iterator(field)
    head = [] if field.empty_label is None else [("", field.empty_label)]
    if getattr(field, "null_label", None) is not None:
        head.append((field.null_value, field.null_label))
    return head + [iterator.choice(obj) for obj in field.queryset]
