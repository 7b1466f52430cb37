"""Importing grant records from XLSX or CSV: read, check every row, then save all or nothing."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from membership.models import Municipality, Organisation

from .models import Funder, Grant, GrantType, GrantYear, SteaType, normalise_activity

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
}
REQUIRED = ("business_id", "year", "activity", "amount_granted")
MAX_ROWS = 20000


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
    if content[:4] == b"PK\x03\x04":
        return _read_xlsx(content)
    if b"\x00" in content[:4096]:
        raise ImportFileError(_("The file is not a spreadsheet. Upload an XLSX or CSV file."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("The file is not a spreadsheet. Upload an XLSX or CSV file.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(_("The file is not a spreadsheet. Upload an XLSX or CSV file.")) from exc
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


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
    header = [COLUMNS.get(cell.strip().lower(), "") for cell in table[0]]
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


def _check_rows(rows: list[ImportRow]) -> None:
    business_ids = {row.values["business_id"] for row in rows}
    organisations = {o.business_id: o for o in Organisation.objects.filter(business_id__in=business_ids)}
    grant_types = {t.code: t for t in GrantType.objects.all()}
    municipalities = {m.code: m for m in Municipality.objects.all()}
    municipalities.update({m.name_fi.lower(): m for m in municipalities.values()})
    existing = set(
        Grant.objects.filter(organisation__in=organisations.values()).values_list(
            "organisation__business_id", "year", "activity_key", "funder"
        )
    )
    seen: dict[tuple, int] = {}
    for row in rows:
        grant = _build(row, organisations, grant_types, municipalities)
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


def _build(row: ImportRow, organisations, grant_types, municipalities) -> Grant | None:
    values, problems = row.values, row.problems
    organisation = organisations.get(values["business_id"])
    if organisation is None:
        problems.append(_("Unknown business ID “%(value)s”.") % {"value": values["business_id"]})
    year = None
    if values["year"].isdigit() and 2000 <= int(values["year"]) <= 2100:
        year = int(values["year"])
    else:
        problems.append(_("“%(value)s” is not a year.") % {"value": values["year"]})
    if not values["activity"]:
        problems.append(_("The activity is missing."))
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
    funder = (values.get("funder") or Funder.COUNTY).lower()
    if funder not in Funder.values:
        problems.append(_("Unknown funder “%(value)s”.") % {"value": values.get("funder")})
    stea_type = values.get("stea_type", "")
    if stea_type and stea_type not in SteaType.values:
        problems.append(_("Unknown STEA grant type “%(value)s”.") % {"value": stea_type})
    grant_type = None
    if values.get("grant_type"):
        grant_type = grant_types.get(values["grant_type"])
        if grant_type is None:
            problems.append(_("Unknown grant type “%(value)s”.") % {"value": values["grant_type"]})
    municipality = None
    if values.get("municipality"):
        municipality = municipalities.get(values["municipality"].lower())
        if municipality is None:
            problems.append(_("Unknown municipality “%(value)s”.") % {"value": values["municipality"]})
    status = values.get("status") or Grant.Status.GRANTED
    if status not in Grant.Status.values:
        problems.append(_("Unknown status “%(value)s”.") % {"value": status})
    dates = {}
    for name in ("decision_date", "report_due_on"):
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
        activity=values["activity"][:200],
        activity_key=normalise_activity(values["activity"][:200]),
        purpose=values.get("purpose", ""),
        amount_applied=amounts["amount_applied"],
        amount_granted=amounts["amount_granted"],
        funder=funder,
        stea_type=stea_type,
        grant_type=grant_type,
        municipality=municipality,
        status=status,
        **dates,
    )


class ImportRefused(Exception):
    pass


@transaction.atomic
def save_import(content: bytes) -> int:
    """Check the file again and save every row, or none when any row has a problem."""
    result = preview(content)
    if not result.is_valid:
        raise ImportRefused(_("The file has problems; nothing was saved."))
    grants = bulk_create_with_history([row.grant for row in result.rows], Grant, batch_size=1000)
    GrantYear.objects.bulk_create(
        [GrantYear(grant=grant, year=grant.year, amount=grant.amount_granted) for grant in grants],
        batch_size=2000,
    )
    return len(grants)


@transaction.atomic
def save_batch(batch_pk: int) -> int:
    """Save an uploaded batch once; a second confirmation (a double click) saves nothing."""
    from django.utils import timezone

    from .models import ImportBatch

    batch = ImportBatch.objects.select_for_update().get(pk=batch_pk)
    if batch.saved_at is not None:
        raise ImportRefused(_("This file has already been imported."))
    with batch.file.open("rb") as handle:
        count = save_import(handle.read())
    batch.saved_at, batch.saved_count = timezone.now(), count
    batch.save(update_fields=["saved_at", "saved_count"])
    return count
