"""The national data set in the repository against the source document, seed 002."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from grants.models import CountyComparison
from grants.national import load_snapshot, read_snapshot

# A copy of /work/shared/seeds/002_1c1c21f90c33e87e.txt, so that CI has the source too.
SEED = Path(__file__).resolve().parent / "data" / "002_1c1c21f90c33e87e.txt"
NUMBER = r"\d{1,3}(?: \d{3})*"


def _splits(digits: str, parts: int) -> list[list[int]]:
    """Every way to read a run of Finnish-formatted numbers written without separators."""
    if parts == 0:
        return [[]] if not digits else []
    found = []
    for end in range(1, len(digits) + 1):
        head = digits[:end]
        if re.fullmatch(NUMBER, head) and (end == len(digits) or digits[end] != " "):
            found += [[int(head.replace(" ", "")), *rest] for rest in _splits(digits[end:], parts - 1)]
    return found


def _seed_stea_table() -> dict[str, tuple[int, int]]:
    """STEA C rows of seed 002: columns per row are % change, 2025, difference, 2024, county.

    Only the reading where 2024 − 2025 = difference (±2 € rounding) and the percentage agree is kept.
    """
    text = SEED.read_text(encoding="utf-8")
    block = text.split("luvuistaero €2 0252 024Hyvinvointialue", 1)[1].split("Lähde", 1)[0]
    rows = {}
    for line in filter(None, (line.strip() for line in block.splitlines())):
        digits, name = re.match(r"([\d ]+)(\D.+)", line).groups()
        readings = [
            r
            for r in _splits(digits, 4)
            if abs(r[3] - r[1] - r[2]) <= 2 and abs(round(r[2] * 100 / r[3]) - r[0]) <= 1
        ]
        assert len(readings) == 1, (name, readings)
        percent, y2025, difference, y2024 = readings[0]
        rows[name] = (y2024, y2025)
    return rows


def _seed_county_grants() -> dict[str, int]:
    text = SEED.read_text(encoding="utf-8")
    return {
        name: int(amount.replace(" ", ""))
        for name, amount in re.findall(r"([A-ZÄÖ][\wäöÄÖ-]+) ([\d ]+),00 €", text)
    }


def test_every_county_and_both_stea_years_match_seed_002():
    data = read_snapshot()
    stea = _seed_stea_table()
    county_grants = _seed_county_grants()
    total = stea.pop("Kaikki yhteensä")
    assert len(data) == len(stea) == len(county_grants) == 22
    for row in data:
        assert (int(row["stea_c_2024"]), int(row["stea_c_2025"])) == stea[row["stea_name"]], row["county"]
        assert int(row["county_grants_2025"]) == county_grants[row["county"]], row["county"]
    # The source rounds: its own totals differ from the sums of its rows by a few euros.
    assert total == (60006382, 43794393)
    assert abs(sum(int(r["stea_c_2024"]) for r in data) - total[0]) <= 5
    assert abs(sum(int(r["stea_c_2025"]) for r in data) - total[1]) <= 5


def test_vake_figures_as_the_domain_note_gives_them():
    vake = {row["code"]: row for row in read_snapshot()}["vantaa-kerava"]
    assert vake["county_grants_2025"] == "920000"
    assert (vake["stea_c_2024"], vake["stea_c_2025"]) == ("3314561", "2827869")


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_vake_is_highlighted(client):
    assert load_snapshot() == 22
    load_snapshot()
    assert CountyComparison.objects.count() == 22
    vake = CountyComparison.objects.get(is_own=True)
    assert vake.stea_change == Decimal("-486692")
    assert vake.stea_change_percent == Decimal("-14.7")
    response = client.get(reverse("grants:national"))
    content = response.content.decode()
    assert 'class="grants-own"' in content
    assert "Vantaa-Kerava" in content
    assert "<svg" in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fi", "Järjestöavustukset kaikilla hyvinvointialueilla"),
        ("sv", "Organisationsbidrag i alla välfärdsområden"),
    ],
)
def test_national_page_in_finnish_and_swedish(client, language, heading):
    load_snapshot()
    content = client.get(f"/{language}/grants/national/").content.decode()
    assert f"<h1>{heading}</h1>" in content
