"""Importing grant records from XLSX or CSV: read, check every row, then save all or nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from membership.kernel import spreadsheets, versions
from membership.models import Municipality, Organisation, User

from . import exports, listing
from .models import (
    Funder,
    Grant,
    GrantRound,
    GrantType,
    GrantYear,
    ImportBatch,
    SteaType,
    normalise_activity,
)

# Column names accepted in the header row (English and Finnish), mapped to the field they fill.
COLUMNS = {
    "business_id": "business_id",
    "y-tunnus": "business_id",
    "year": "year",
    "vuosi": "year",
    "activity": "activity",
    "toiminta": "activity",
    "purpose": "purpose",
    "tarkoitus": "purpose",
    "amount_applied": "amount_applied",
    "haettu": "amount_applied",
    "amount_granted": "amount_granted",
    "myönnetty": "amount_granted",
    "funder": "funder",
    "rahoittaja": "funder",
    "stea_type": "stea_type",
    "grant_type": "grant_type",
    "avustuslaji": "grant_type",
    "municipality": "municipality",
    "kunta": "municipality",
    "status": "status",
    "decision_date": "decision_date",
    "report_due_on": "report_due_on",
    "report_received_on": "report_received_on",
    "grant_round": "grant_round",
}
REQUIRED = ("business_id", "year", "activity", "amount_granted")
MAX_ROWS = 20000
_amount_field = Grant._meta.get_field("amount_granted")
# The largest amount the database column holds, plus one cent.
AMOUNT_LIMIT = Decimal(10) ** (_amount_field.max_digits - _amount_field.decimal_places)


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class ImportRow:
    line: int
    values: dict[str, str]
    problems: list[str] = field(default_factory=list)
    grant: Grant | None = None


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    missing_columns: list[str] = field(default_factory=list)

    @property
    def problem_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.problems]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.missing_columns and not self.problem_rows


def read_table(content: bytes) -> list[list[str]]:
    """Rows of cells as text from XLSX or CSV content; the type is told by the content."""
    try:
        return spreadsheets.read_rows(content, max_rows=MAX_ROWS + 1)
    except spreadsheets.SpreadsheetError as exc:
        raise ImportFileError(str(exc)) from exc


def _header_names() -> dict[str, str]:
    """The column names the import knows: its codes and the export's headers in every language."""
    names = dict(COLUMNS)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for column, name in zip(exports.columns(), exports.FIELDS, strict=True):
                if name:
                    names[column.header.lower()] = name
    return names


def parse_amount(text: str) -> Decimal:
    """An amount in euros as written in Finland or in a spreadsheet: '1 234,50', '1234.5'."""
    cleaned = text.replace("€", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(_("“%(value)s” is not an amount in euros.") % {"value": text}) from exc
    if not amount.is_finite():
        raise ValueError(_("“%(value)s” is not an amount in euros.") % {"value": text})
    if amount < 0:
        raise ValueError(_("The amount may not be negative."))
    if amount >= AMOUNT_LIMIT:
        raise ValueError(_("The amount %(value)s is too large.") % {"value": text})
    return amount.quantize(Decimal("0.01"))


def parse_date(text: str) -> datetime.date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date (use 31.12.2025 or 2025-12-31).") % {"value": text})


def preview(content: bytes) -> ImportPreview:
    """Check every row; nothing is saved."""
    table = [row for row in read_table(content) if any(cell for cell in row)]
    if len(table) < 2:
        raise ImportFileError(_("The file has no rows."))
    if len(table) > MAX_ROWS + 1:
        raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    names = _header_names()
    header = [names.get(cell.strip().lower(), "") for cell in table[0]]
    missing = [name for name in REQUIRED if name not in header]
    rows = [
        ImportRow(
            line=n, values={key: cells[i] if i < len(cells) else "" for i, key in enumerate(header) if key}
        )
        for n, cells in enumerate(table[1:], start=2)
    ]
    if missing:
        return ImportPreview(rows, missing)
    _check_rows(rows)
    return ImportPreview(rows)


def _by_name(objects, *attributes: str) -> dict:
    """Objects found by any of their codes or names, case-insensitively."""
    found = {}
    for obj in objects:
        for attribute in attributes:
            value = getattr(obj, attribute, "")
            if value:
                found[str(value).lower()] = obj
    return found


def _labels(choices) -> dict[str, str]:
    """Choice values found by their value or their label in any language."""
    found = {value.lower(): value for value in choices.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.update({str(label).lower(): value for value, label in choices.choices})
    return found


@dataclass
class _Lookups:
    organisations: dict
    grant_types: dict
    municipalities: dict
    rounds: dict
    funders: dict
    statuses: dict


def _lookups(rows: list[ImportRow]) -> _Lookups:
    business_ids = {row.values["business_id"] for row in rows}
    return _Lookups(
        organisations={o.business_id: o for o in Organisation.objects.filter(business_id__in=business_ids)},
        grant_types=_by_name(GrantType.objects.all(), "code", "name_fi", "name_sv", "name_en"),
        municipalities=_by_name(Municipality.objects.all(), "code", "name_fi", "name_sv", "name_en"),
        rounds={str(r).lower(): r for r in GrantRound.objects.all()},
        funders=_labels(Funder),
        statuses=_labels(Grant.Status),
    )


def _check_rows(rows: list[ImportRow]) -> None:
    lookups = _lookups(rows)
    existing = set(
        Grant.objects.filter(organisation__in=lookups.organisations.values()).values_list(
            "organisation__business_id", "year", "activity_key", "funder"
        )
    )
    seen: dict[tuple, int] = {}
    for row in rows:
        grant = _build(row, lookups)
        if grant is None:
            continue
        key = (row.values["business_id"], grant.year, grant.activity_key, grant.funder)
        if key in existing:
            row.problems.append(_("This grant is already recorded."))
        elif key in seen:
            row.problems.append(_("The same grant is also on row %(line)s.") % {"line": seen[key]})
        else:
            seen[key] = row.line
        if not row.problems:
            row.grant = grant


def _funder(text: str, lookups: _Lookups, problems: list[str]) -> dict:
    """The funder fields from a code, a label, "STEA Ay", a municipality or another funder's name."""
    key = text.strip().lower()
    if not key:
        return {"funder": Funder.COUNTY}
    if key in lookups.funders:
        return {"funder": lookups.funders[key]}
    if key.startswith("stea "):
        stea_type = text.strip()[5:].strip()
        if stea_type in SteaType.values:
            return {"funder": Funder.STEA, "stea_type": stea_type}
        problems.append(_("Unknown STEA grant type “%(value)s”.") % {"value": stea_type})
        return {}
    if key in lookups.municipalities:
        return {"funder": Funder.MUNICIPALITY, "funder_municipality": lookups.municipalities[key]}
    if len(text) > Grant._meta.get_field("funder_name").max_length:
        problems.append(_("The funder’s name is too long."))
        return {}
    return {"funder": Funder.OTHER, "funder_name": text.strip()}


def _found(values: dict, name: str, table: dict, message: str, problems: list[str]):
    text = values.get(name, "")
    if not text:
        return None
    found = table.get(text.lower())
    if found is None:
        problems.append(message % {"value": text})
    return found


def _build(row: ImportRow, lookups: _Lookups) -> Grant | None:
    values, problems = row.values, row.problems
    organisation = lookups.organisations.get(values["business_id"])
    if organisation is None:
        problems.append(_("Unknown business ID “%(value)s”.") % {"value": values["business_id"]})
    year = None
    if values["year"].isdigit() and 2000 <= int(values["year"]) <= 2100:
        year = int(values["year"])
    else:
        problems.append(_("“%(value)s” is not a year.") % {"value": values["year"]})
    activity_limit = Grant._meta.get_field("activity").max_length
    if not values["activity"]:
        problems.append(_("The activity is missing."))
    elif len(values["activity"]) > activity_limit:
        problems.append(_("The activity is longer than %(max)s characters.") % {"max": activity_limit})
    amounts = {}
    for name in ("amount_applied", "amount_granted"):
        text = values.get(name, "")
        if not text and name == "amount_applied":
            amounts[name] = Decimal("0")
            continue
        try:
            amounts[name] = parse_amount(text)
        except ValueError as exc:
            problems.append(str(exc))
    funder = _funder(values.get("funder", ""), lookups, problems)
    stea_type = values.get("stea_type", "")
    if stea_type and stea_type not in SteaType.values:
        problems.append(_("Unknown STEA grant type “%(value)s”.") % {"value": stea_type})
    elif stea_type:
        funder.setdefault("stea_type", stea_type)
    grant_type = _found(
        values, "grant_type", lookups.grant_types, _("Unknown grant type “%(value)s”."), problems
    )
    municipality = _found(
        values, "municipality", lookups.municipalities, _("Unknown municipality “%(value)s”."), problems
    )
    grant_round = _found(
        values, "grant_round", lookups.rounds, _("Unknown grant round “%(value)s”."), problems
    )
    status = Grant.Status.GRANTED
    if values.get("status"):
        status = _found(values, "status", lookups.statuses, _("Unknown status “%(value)s”."), problems)
    dates = {}
    for name in ("decision_date", "report_due_on", "report_received_on"):
        if values.get(name):
            try:
                dates[name] = parse_date(values[name])
            except ValueError as exc:
                problems.append(str(exc))
    if problems:
        return None
    return Grant(
        organisation=organisation,
        year=year,
        activity=values["activity"],
        activity_key=normalise_activity(values["activity"]),
        purpose=values.get("purpose", ""),
        amount_applied=amounts["amount_applied"],
        amount_granted=amounts["amount_granted"],
        grant_type=grant_type,
        grant_round=grant_round,
        municipality=municipality,
        status=status,
        **funder,
        **dates,
    )


class ImportRefused(Exception):
    pass


@transaction.atomic
def save_import(content: bytes, *, acting_user: User | None = None) -> int:
    """Check the file again and save every row, or none when any row has a problem."""
    result = preview(content)
    if not result.is_valid:
        raise ImportRefused(_("The file has problems; nothing was saved."))
    grants = bulk_create_with_history(
        [row.grant for row in result.rows], Grant, batch_size=1000, default_user=acting_user
    )
    GrantYear.objects.bulk_create(
        [GrantYear(grant=grant, year=grant.year, amount=grant.amount_granted) for grant in grants],
        batch_size=2000,
    )
    versions.changed(listing.TOPIC)  # bulk_create sends no signals
    return len(grants)


@transaction.atomic
def start_batch(upload: UploadedFile, *, acting_user: User) -> ImportBatch:
    """Keep an uploaded file, and who sent it, until its preview is confirmed."""
    return ImportBatch.objects.create(
        file=upload, original_name=(upload.name or "")[:200], uploaded_by=acting_user
    )


@transaction.atomic
def save_batch(batch_pk: int, *, acting_user: User | None = None) -> int:
    """Save an uploaded batch once; a second confirmation (a double click) saves nothing."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch_pk)
    if batch.saved_at is not None:
        raise ImportRefused(_("This file has already been imported."))
    with batch.file.open("rb") as handle:
        count = save_import(handle.read(), acting_user=acting_user)
    batch.saved_at, batch.saved_count = timezone.now(), count
    batch.save(update_fields=["saved_at", "saved_count"])
    return count
