"""Each role's front page against the signed-in floor: a page that loads only the user's roles.

The floor is the privacy notice signed in (the roles for the navigation and one site page). The
front pages must stay within 3× the floor; run after `python manage.py seed_demo` (any scale).
"""

import io

from django.core.management import call_command
from django.test import Client

from benchmarks._timing import measure, report
from membership.models import User

LOGINS = {
    "NGO contact": "jarjesto@example.fi",
    "council member": "jasen@example.fi",
    "board member": "lautakunta@example.fi",
    "HYTE team": "hyte@example.fi",
}


def run() -> None:
    if not User.objects.filter(email="hyte@example.fi").exists():
        call_command("seed_demo", stdout=io.StringIO())
    for role, email in LOGINS.items():
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(email=email))
        floor = measure(lambda client=client: client.get("/fi/privacy/", secure=True))
        front = measure(lambda client=client: client.get("/fi/", secure=True))
        report(f"{role}: floor (privacy notice)", floor)
        report(f"{role}: front page", front)
        print(f"{'':<45} front / floor: {front['median_ms'] / floor['median_ms']:.1f}× (budget 3×)")
