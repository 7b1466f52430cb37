"""Grants: the filtered list, the totals page (on seed_demo --scale large) and a 5 000-row import.

Run `python manage.py seed_demo --scale large` first; the import is measured inside a transaction
that is rolled back, so the database is left as it was.
"""

from django.db import transaction
from django.test import Client
from django.utils import translation

from benchmarks._timing import measure, report
from grants.imports import save_import
from grants.models import Grant
from membership import exports as export_jobs
from membership.models import Organisation, Role, User


class Rollback(Exception):
    pass


def _staff_client() -> Client:
    user = (
        User.objects.filter(role_assignments__role=Role.STAFF).first()
        or User.objects.filter(is_superuser=True).first()
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def _import_file(rows: int) -> bytes:
    business_ids = list(Organisation.objects.values_list("business_id", flat=True)[:rows])
    lines = ["business_id;year;activity;amount_granted;municipality"]
    lines += [
        f"{business_ids[n % len(business_ids)]};2030;Tuontitoiminta {n};{1000 + n},50;Vantaa"
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def _export(user, params: dict, fmt: str) -> None:
    with translation.override("fi"):
        export_jobs.content(export_jobs.build("grants", user, params), fmt)


def _import_once(content: bytes) -> None:
    try:
        with transaction.atomic():
            save_import(content)
            raise Rollback
    except Rollback:
        pass


def run() -> None:
    count = Grant.objects.count()
    print(f"grants in the database: {count}")
    client = _staff_client()
    year = Grant.objects.order_by("-year").values_list("year", flat=True).first()
    list_url = f"/fi/grants/?year={year}&status=granted&municipality="
    report("grant list, filtered (page 1)", measure(lambda: _get(client, list_url), repeat=30))
    report("grant list, filtered, page 20", measure(lambda: _get(client, list_url + "&page=20"), repeat=30))
    report("totals page", measure(lambda: _get(client, f"/fi/grants/totals/?year={year}"), repeat=20))
    # What the request (up to IMMEDIATE_ROWS rows) or the worker (above) does: query and write.
    user = User.objects.get(pk=client.session["_auth_user_id"])
    for label, params in ((f"one year ({year})", {"year": [str(year)]}), ("every grant", {})):
        rows = Grant.objects.filter(**{k: v[0] for k, v in params.items()}).count()
        timings = {}
        for fmt in ("csv", "xlsx"):
            timings[fmt] = measure(lambda f=fmt, p=params: _export(user, p, f), repeat=3, warmup=1)
            report(f"export of {label}, {rows} rows, as {fmt.upper()}", timings[fmt])
        print(f"XLSX / CSV, {label}: {timings['xlsx']['median_ms'] / timings['csv']['median_ms']:.1f} ×")
    content = _import_file(5000)
    report("import of 5 000 rows (check + save)", measure(lambda: _import_once(content), repeat=5, warmup=1))
