"""Council: archive search, meeting pages and a 30-item minutes PDF.

Run after `DJANGO_DEBUG=1 python manage.py seed_demo --scale large` against the same database.
"""

from __future__ import annotations

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchmarks._timing import measure, report


def run() -> None:
    renumbering()
    from council.models import AgendaItem, Body, Meeting
    from council.pdf import render_pdf
    from membership.models import Role, User

    meetings = Meeting.objects.count()
    items = AgendaItem.objects.count()
    print(f"data: {meetings} meetings, {items} agenda items")
    if meetings < 50:
        print("  (few meetings: run `seed_demo --scale large` first for the figures the issue asks for)")
    public = Client(HTTP_HOST="localhost")
    archive = reverse("council:archive")
    report(
        "archive search 'toimintasuunnitelma'",
        measure(lambda: public.get(archive, {"q": "toimintasuunnitelma"})),
    )
    report(
        "archive search, body and year", measure(lambda: public.get(archive, {"q": "avustus", "year": 2024}))
    )
    biggest = max(Meeting.objects.filter(state="published"), key=lambda m: m.items.count(), default=None)
    if biggest is not None:
        page = reverse("council:meeting_detail", args=[biggest.pk])
        report(f"public meeting page ({biggest.items.count()} items)", measure(lambda: public.get(page)))
        staff_user = User.objects.filter(role_assignments__role=Role.STAFF).first()
        if staff_user is not None:
            staff = Client(HTTP_HOST="localhost")
            staff.force_login(staff_user)
            agenda = reverse("council:agenda_edit", args=[biggest.pk])
            report(f"staff agenda page ({biggest.items.count()} items)", measure(lambda: staff.get(agenda)))
    with transaction.atomic():
        now = timezone.now()
        meeting = Meeting.objects.create(
            body=Body.objects.get(slug="neuvottelukunta"), starts_at=now, agenda_deadline=now.date()
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                position=n,
                number=n + 1,
                title=f"Asia {n + 1}: järjestöyhteistyön kehittäminen",
                background="Taustaa. " * 60,
                proposal="Neuvottelukunta päättää hyväksyä ehdotuksen. " * 3,
                decision="Hyväksyttiin ehdotuksen mukaisesti.",
                resolution="as_proposed",
            )
            for n in range(30)
        )
        figures = measure(lambda: render_pdf(meeting, "minutes", public=True), repeat=5, warmup=1)
        pdf = render_pdf(meeting, "minutes", public=True)
        transaction.set_rollback(True)
    report("minutes PDF, 30 items", figures)
    print(f"  PDF size {len(pdf) // 1024} KiB; published documents are then served from the cache")


def renumbering() -> None:
    """The issue's budget: renumbering a year of 10 meetings × 30 items takes at most 100 ms."""
    import datetime

    from django.db.models import F

    from council import numbering, services
    from council.models import AgendaItem, Body, Meeting

    with transaction.atomic():
        body = Body.objects.create(slug="bench-renumbering", name_fi="Vertailuryhmä")
        meetings = []
        for month in range(1, 11):
            starts = timezone.make_aware(datetime.datetime(2040, month, 10, 14))
            meeting = Meeting.objects.create(body=body, starts_at=starts, agenda_deadline=starts.date())
            AgendaItem.objects.bulk_create(
                AgendaItem(meeting=meeting, position=n, title=f"Asia {n + 1}") for n in range(30)
            )
            meetings.append(meeting)
        numbering.renumber(body.pk, 2040)
        steady = measure(lambda: numbering.renumber(body.pk, 2040), repeat=20)
        all_move = _timed_after(
            lambda: AgendaItem.objects.filter(meeting__body=body).update(number=F("number") + 1),
            lambda: numbering.renumber(body.pk, 2040),
        )
        # Each added item moves every later number of the year: the worst case, with history rows.
        shifted = measure(lambda: services.add_item(meetings[0], title="Lisäys"), repeat=10, warmup=1)
        first = meetings[0]
        sending = measure(lambda: numbering.finalise(first), repeat=1, warmup=0)
        transaction.set_rollback(True)
    report("renumber a year (10 × 30 items), no change", steady)
    report("renumber a year, all 300 numbers move", all_move)
    report("add an item to the earliest draft (all move)", shifted)
    report("send the earliest agenda (numbers become final)", sending)


def _timed_after(setup, func, repeat: int = 10) -> dict[str, float]:
    """Like `measure`, with an untimed setup before each run."""
    import statistics
    import time

    samples = []
    for _ in range(repeat):
        setup()
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {"median_ms": statistics.median(samples), "p95_ms": samples[-1], "n": len(samples)}
