"""The national snapshot 8/2025 (seed 002): county NGO grants and STEA C-grants 2024 and 2025.

The figures are kept in `data/national_snapshot_2025.csv` in the repository; `seed_demo` loads
them. The source table's columns were scrambled by text extraction (per row: % change, 2025,
difference, 2024, county); the CSV holds them in plain order.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from membership.kernel.public_cache import invalidate_public_pages

from .models import CountyComparison

DATA_FILE = Path(__file__).resolve().parent / "data" / "national_snapshot_2025.csv"
OWN_COUNTY = "vantaa-kerava"


def read_snapshot(path: Path = DATA_FILE) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_snapshot(path: Path = DATA_FILE) -> int:
    """Create or update one row per county; running it again changes nothing."""
    rows = read_snapshot(path)
    for order, row in enumerate(rows):
        CountyComparison.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["county"],
                "county_grants": Decimal(row["county_grants_2025"]),
                "stea_c_2024": Decimal(row["stea_c_2024"]),
                "stea_c_2025": Decimal(row["stea_c_2025"]),
                "is_own": row["code"] == OWN_COUNTY,
                "order": order,
            },
        )
    invalidate_public_pages("national")
    return len(rows)
