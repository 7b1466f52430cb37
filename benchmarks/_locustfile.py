"""The think-time load of benchmarks/load.py: each role's journey, 2–5 s between clicks.

Read by locust (`locust -f benchmarks/_locustfile.py`); the fixtures (sessions and page
addresses) come from the JSON file named by BENCH_FIXTURES. Every click must answer 200 itself
(a redirect to the sign-in page would hide a lost session), else it counts as an error.
"""

import itertools
import json
import os

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

FIXTURES = json.loads(open(os.environ["BENCH_FIXTURES"]).read())  # noqa: SIM115
URLS = FIXTURES["urls"]

# Per role: how many of the 50 simulated people, and the pages of one visit in order.
JOURNEYS = {
    "anonymous": (20, ["front", "progress", "members", "archive", "meeting", "calendar"]),
    "ngo": (12, ["front", "calls", "call", "nomination_form", "front"]),
    "member": (8, ["front", "calendar", "meeting", "progress", "members"]),
    "board": (3, ["front", "progress", "archive", "members"]),
    "staff": (7, ["front", "board", "nominations", "grants", "grants_filtered", "progress", "members"]),
}
SESSIONS_PER_ROLE = max(count for count, _pages in JOURNEYS.values())


def _journey_user(role: str, count: int, pages: list[str]) -> type[FastHttpUser]:
    sessions = itertools.cycle(FIXTURES["sessions"].get(role, [None]))

    class Journey(FastHttpUser):
        fixed_count = count
        wait_time = between(2, 5)

        def on_start(self):
            session = next(sessions)
            self.headers = {"Accept-Language": "fi"}
            if session:
                self.headers["Cookie"] = f"sessionid={session}"
            # Locust starts its users in batches of ten in the same instant; people arrive one
            # by one, so each first waits a think time of its own.
            self.wait()

        @task
        def visit(self):
            for page in pages:
                with self.client.get(
                    URLS[page],
                    headers=self.headers,
                    name=f"{role}: {page}",
                    allow_redirects=False,
                    catch_response=True,
                ) as response:
                    if response.status_code != 200:
                        response.failure(f"status {response.status_code}")
                self.wait()

    Journey.__name__ = f"{role.title()}Journey"
    return Journey


for _role, (_count, _pages) in JOURNEYS.items():
    globals()[f"{_role.title()}Journey"] = _journey_user(_role, _count, _pages)
