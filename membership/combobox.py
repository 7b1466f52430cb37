"""Choices that grow with data: a searchable combobox and the small search endpoint behind it.

An app declares a `Search` (who may use it, what they may be offered, which columns match) and
routes `search_view(search)`; a form turns a model choice field into a combobox with
`make_combobox`. The page then renders only the chosen option and, after a search, at most
`LIMIT` matches: never the whole table. Without JavaScript the widget's Search button sends the
form back (`ComboboxFormMixin`) and the page returns with everything typed and the matches listed;
with JavaScript (static/js/combobox.js) the same endpoint's options fill a WAI-ARIA listbox popup.

A combobox may depend on another field of its form (`make_combobox(..., depends_on=...)`): the
search then offers only the choices that agree with that field's value (say, organisations of the
category chosen above), both from the endpoint (the script sends the value along) and in the
no-JavaScript search step (which reads it from the sent form).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from django import forms
from django.db.models import Model, Q, QuerySet
from django.forms.utils import ErrorDict
from django.http import HttpRequest
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from .roles import AccessRule, access

MIN_LENGTH = 2
MAX_LENGTH = 100
LIMIT = 10
MAX_TERMS = 5
SEARCH_STEP = "combobox_search"


@dataclass(frozen=True)
class Search:
    """One search: the URL name that serves it, who may use it, and what it may offer."""

    url_name: str
    rule: AccessRule
    # The choices the user may be offered (the form's own queryset), from the request and URL kwargs.
    queryset: Callable[..., QuerySet]
    fields: Sequence[str]
    label: Callable[[Model], str] = str
    order_by: Sequence[str] = field(default=("pk",))
    # The fields a combobox of this search may depend on: each field's name (also the endpoint's
    # query parameter) and the column whose key must equal that field's value.
    depends_on: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    query: str
    options: list[tuple[str, str]]
    status: str


def find(
    search: Search, queryset: QuerySet, query: str | None, label: Callable[[Model], str] | None = None
) -> Result:
    """At most LIMIT choices whose searched columns contain every word of the query, and a status."""
    # Control characters (a NUL would make PostgreSQL refuse the query) match nothing anyway.
    query = " ".join("".join(ch if ch.isprintable() else " " for ch in (query or "")).split())
    if len(query) > MAX_LENGTH:
        too_long = _("The search is too long: use at most %(max)s characters.")
        return Result("", [], too_long % {"max": MAX_LENGTH})
    if len(query) < MIN_LENGTH:
        return Result(query, [], _("Type at least %(min)s characters to search.") % {"min": MIN_LENGTH})
    condition = Q()
    for term in query.split()[:MAX_TERMS]:
        any_column = Q()
        for column in search.fields:
            any_column |= Q(**{f"{column}__icontains": term})
        condition &= any_column
    rows = list(queryset.filter(condition).order_by(*search.order_by)[: LIMIT + 1])
    label = label or search.label
    options = [(str(row.pk), label(row)) for row in rows[:LIMIT]]
    if not options:
        return Result(query, [], _("No matches for “%(query)s”.") % {"query": query})
    if len(rows) > LIMIT:
        status = _("The first %(count)s matches are shown: type more to narrow the search.")
        status %= {"count": LIMIT}
    else:
        status = ngettext("%(count)s match.", "%(count)s matches.", len(options)) % {"count": len(options)}
    return Result(query, options, status)


def narrowed(search: Search, queryset: QuerySet, given: Mapping[str, str]) -> QuerySet:
    """`queryset` agreeing with the given values of the fields the search depends on; a field left
    empty narrows nothing, and a value that is not a key matches nothing."""
    for name, column in search.depends_on.items():
        value = str(given.get(name) or "").strip()
        if not value:
            continue
        if not (value.isdigit() and len(value) < 19):
            return queryset.none()
        queryset = queryset.filter(**{column: value})
    return queryset


def search_view(search: Search) -> Callable:
    """The endpoint: `?q=` gives the listbox options (server-rendered, for htmx) and a status."""

    @access(search.rule)
    @require_safe
    def view(request: HttpRequest, **kwargs):
        queryset = narrowed(search, search.queryset(request, **kwargs), request.GET)
        result = find(search, queryset, request.GET.get("q", ""))
        response = render(request, "includes/combobox_options.html", {"result": result})
        response["Cache-Control"] = "private, no-store"
        return response

    view.__name__ = view.__qualname__ = f"search_{search.url_name.replace(':', '_')}"
    return view


class ComboboxWidget(forms.Select):
    """A text box to search with, and a select of only the chosen option and the last search's matches."""

    template_name = "includes/combobox.html"

    def __init__(self, search: Search, url_kwargs: dict | None = None, attrs=None, depends_on: str = ""):
        super().__init__(attrs)
        self.search = search
        self.url_kwargs = url_kwargs or {}
        self.depends_on = depends_on
        self.data: dict = {}
        self.label = ""

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, not the form renderer's (which sees only Django's own).
        html = loader.render_to_string(self.template_name, self.get_context(name, value, attrs))
        return mark_safe(html)  # noqa: S308 - the template autoescapes every value

    def optgroups(self, name, value, attrs=None):
        # The template lists only the chosen option and the matches: never iterate every choice.
        return []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        iterator = self.choices
        queryset, label = iterator.queryset, iterator.field.label_from_instance
        given = next((str(v) for v in context["widget"]["value"] if v), "")
        # A tampered value (not a key, or beyond any key's range) chooses nothing.
        selected = list(queryset.filter(pk=given)) if given.isdigit() and len(given) < 19 else []
        typed = self.data.get(f"{name}_q") or ""
        searched = self.data.get(SEARCH_STEP) == name
        if typed.strip() or searched:
            given = {self.depends_on: self.data.get(self.depends_on)} if self.depends_on else {}
            result = find(self.search, narrowed(self.search, queryset, given), typed, label)
        else:
            result = None
        options = [(str(row.pk), label(row)) for row in selected]
        if result:
            options += [option for option in result.options if option[0] not in {o[0] for o in options}]
        chosen_pk = options[0][0] if selected else ""
        attrs = dict(context["widget"]["attrs"])
        control = attrs.pop("id", f"id_{name}")
        hint = f"{control}_hint"
        attrs["aria-describedby"] = " ".join(filter(None, [attrs.get("aria-describedby"), hint]))
        context["widget"].update(
            {
                "control": control,
                "label": self.label,
                "hint": hint,
                "input_attrs": attrs,
                "chosen": chosen_pk,
                "query": result.query if result else (options[0][1] if selected else ""),
                "result": result,
                "choices": [(pk, text, pk == chosen_pk) for pk, text in options],
                "url": reverse(self.search.url_name, kwargs=self.url_kwargs),
                "min_length": MIN_LENGTH,
                "max_length": MAX_LENGTH,
                "step": SEARCH_STEP,
                "depends_on": self.depends_on,
            }
        )
        return context


def make_combobox(
    form: forms.BaseForm,
    name: str,
    search: Search,
    url_kwargs: dict | None = None,
    depends_on: str = "",
) -> None:
    """Turn the form's model choice field `name` into a combobox backed by `search`; with
    `depends_on` (one of the search's `depends_on` fields) its matches follow that field's value."""
    if depends_on and depends_on not in search.depends_on:
        raise ValueError(f"{search.url_name} cannot depend on {depends_on!r}")
    bound = form.fields[name]
    widget = ComboboxWidget(search, url_kwargs, attrs=bound.widget.attrs, depends_on=depends_on)
    widget.choices = bound.choices
    widget.is_required = bound.required
    widget.data = form.data if form.is_bound else {}
    widget.label = bound.label
    bound.widget = widget


class ComboboxFormMixin:
    """The no-JavaScript search step: the Search button sends the form, which then shows no errors
    and saves nothing, and is shown again with everything typed and the matches to choose from."""

    @property
    def is_search_step(self) -> bool:
        return self.is_bound and SEARCH_STEP in self.data

    def full_clean(self):
        if self.is_search_step:
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.is_search_step and super().is_valid()
