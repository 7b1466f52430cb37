"""The readable page of a person's data: each part's fields under their labels, values as a person reads them.

The JSON download stays the machine's record (codes, ISO dates, true/false). A part registers a
shape with its data (`personal_data.register(..., shape=...)`): a label for each field, the labels
of its codes, and which values are days or moments; lists of records become tables, or one
definition list per record when a record has too many fields for a row.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .kernel.dates import format_day, format_moment
from .personal_data import parts

TEXT, DAY, MOMENT = "text", "day", "moment"


@dataclass(frozen=True)
class Field:
    label: Any  # a lazy translation
    kind: str = TEXT
    choices: Mapping[str, Any] | None = None  # a code's label
    show: Callable[[Any], str] | None = None  # a value that needs its own wording
    lang: str | None = None  # the language the value is written in, when fixed (names kept in Finnish)


@dataclass(frozen=True)
class Table:
    """A list of records, one row each."""

    label: Any
    columns: Mapping[str, Field]


@dataclass(frozen=True)
class Records:
    """A list of records with many fields: one definition list each, under the `heading` field's value."""

    label: Any
    fields: Mapping[str, Field]
    heading: str


def labelled(model: type[models.Model], name: str, label: Any = None, **options: Any) -> Field:
    """A field under the model field's own name (or `label`), its codes under their labels."""
    model_field = model._meta.get_field(name)
    choices = getattr(model_field, "flatchoices", None)
    return Field(
        label or capfirst(model_field.verbose_name),  # type: ignore[union-attr]
        choices={str(code): label for code, label in choices} if choices else None,
        **options,
    )


Shape = Mapping[str, Field | Table | Records] | Table | Records


@dataclass(frozen=True)
class Shown:
    text: str
    iso: str = ""  # a day or moment, for <time datetime>
    lang: str = ""  # set only when it differs from the page's
    items: tuple[Shown, ...] | None = None


@dataclass(frozen=True)
class Block:
    """One heading's worth of a part: facts (a definition list), a table, or records."""

    kind: str
    label: Any = None
    facts: list[tuple[Any, Shown]] = field(default_factory=list)
    columns: list[Any] = field(default_factory=list)
    rows: list[list[Shown]] = field(default_factory=list)
    records: list[tuple[Shown, list[tuple[Any, Shown]]]] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    title: Any
    blocks: list[Block]


def _iso(value: Any) -> str:
    """For <time datetime>, which takes at most milliseconds: a moment to the second."""
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value) if "T" in value or " " in value else value
        except ValueError:
            return ""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def show(spec: Field, value: Any) -> Shown:
    if value is None or value == "" or (spec.kind in (DAY, MOMENT) and value == "None"):
        # An export written with str() gives a missing day as "None".
        return Shown("–")
    if isinstance(value, list | tuple):
        return Shown("", items=tuple(show(spec, item) for item in value))
    if isinstance(value, bool):
        return Shown(_("Yes") if value else _("No"))
    if spec.show is not None:
        return Shown(spec.show(value))
    if spec.choices is not None and str(value) in spec.choices:
        return Shown(str(spec.choices[str(value)]))
    if spec.kind == DAY:
        return Shown(str(format_day(value)), iso=_iso(value))
    if spec.kind == MOMENT:
        return Shown(str(format_moment(value)), iso=_iso(value))
    if isinstance(value, int | float):
        return Shown(number_format(value))
    lang = spec.lang if spec.lang and spec.lang != (get_language() or "")[:2] else ""
    return Shown(str(value), lang=lang)


def _facts(fields: Mapping[str, Any], record: Mapping[str, Any]) -> list[tuple[Any, Shown]]:
    # A field the shape does not name is still shown, under its key: the page must hide nothing.
    keys = [key for key in fields if key in record] + [key for key in record if key not in fields]
    return [
        (fields.get(key, Field(key)).label, show(fields.get(key, Field(key)), record[key])) for key in keys
    ]


def _list_block(spec: Table | Records, value: list) -> Block:
    if isinstance(spec, Table):
        unnamed = dict.fromkeys(key for row in value for key in row if key not in spec.columns)
        columns = {**spec.columns, **{key: Field(key) for key in unnamed}}
        return Block(
            "table",
            spec.label,
            columns=[column.label for column in columns.values()],
            rows=[[show(column, row.get(key)) for key, column in columns.items()] for row in value],
        )
    heading = spec.fields[spec.heading]
    return Block(
        "records",
        spec.label,
        records=[
            (
                show(heading, record.get(spec.heading)),
                _facts(
                    {k: f for k, f in spec.fields.items() if k != spec.heading},
                    {k: v for k, v in record.items() if k != spec.heading},
                ),
            )
            for record in value
        ],
    )


def blocks(shape: Shape | None, data: Any) -> list[Block]:
    if not data:
        return []
    if isinstance(shape, Table | Records):
        return [_list_block(shape, data)]
    fields = shape or {}
    if not isinstance(data, Mapping):
        return [Block("facts", facts=[("", show(Field(""), data))])]
    simple = {key: value for key, value in data.items() if not isinstance(fields.get(key), Table | Records)}
    found = [Block("facts", facts=_facts(fields, simple))] if simple else []
    for key, spec in fields.items():
        if isinstance(spec, Table | Records) and key in data:
            found.append(_list_block(spec, data[key] or []))
    return found


def readable_export(data: Mapping[str, Any]) -> list[Section]:
    """The export's parts in order, each under its title, for the readable page."""
    return [Section(part.title, blocks(part.shape, data["parts"].get(part.name))) for part in parts()]
