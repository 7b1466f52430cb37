"""The spreadsheet module: 20 000 grant rows (the grants export's 14 columns) as CSV and as XLSX.

Needs no data in the database: the rows are made up in the shape the grants export writes, so the
figure is the writers' own. The issue's bound: XLSX at most 3 × CSV.
"""

import datetime
from decimal import Decimal

from benchmarks._timing import measure, report
from grants.exports import columns
from membership.kernel import spreadsheets

ROWS = 20000


def _rows():
    for n in range(ROWS):
        yield [
            f"Yhdistys {n % 700} ry",
            "1234567-1",
            2025,
            "Toiminta-avustukset 2025",
            "Toiminta-avustus",
            "hyvinvointialue",
            f"Kohtaamispaikka {n}",
            "Vantaa",
            Decimal(f"{2000 + n}.50"),
            Decimal(f"{1500 + n}.00"),
            "myönnetty",
            datetime.date(2026, 3, 31),
            None,
            "",
        ]


def run() -> None:
    header = columns()
    csv = measure(lambda: spreadsheets.write_csv(header, _rows()), repeat=3, warmup=1)
    xlsx = measure(lambda: spreadsheets.write_xlsx(header, _rows(), title="Avustukset"), repeat=3, warmup=1)
    report(f"{ROWS} grant rows as CSV", csv)
    report(f"{ROWS} grant rows as XLSX", xlsx)
    print(f"XLSX / CSV: {xlsx['median_ms'] / csv['median_ms']:.1f} ×")
