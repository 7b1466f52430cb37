"""The organisation list as the HYTE team sees it, on seed_demo --scale large (thousands of organisations)."""

import io

from django.core.management import call_command
from django.db import connection
from django.test import Client

from benchmarks._timing import measure, report
from membership.models import Municipality, Organisation, User


def count_queries(func) -> int:
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        func()
    return count


def run() -> None:
    if Organisation.objects.count() < 1000:
        call_command("seed_demo", scale="large", stdout=io.StringIO())
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email="hyte@example.fi"))
    kerava = Municipality.objects.get(code="245").pk
    print(f"organisations: {Organisation.objects.count()}")
    for label, params in [
        ("organisation list, first page", {}),
        ("organisation list, search 'Testiyhdistys 01'", {"q": "Testiyhdistys 01"}),
        ("organisation list, Kerava, volunteer-run", {"municipality": kerava, "is_volunteer_run": "true"}),
    ]:

        def request(params=params):
            return client.get("/fi/organisations/", params)

        queries = count_queries(request)
        report(f"{label} ({queries} queries)", measure(request, repeat=20))
