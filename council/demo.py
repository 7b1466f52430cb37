"""Demo data: two years of past meetings with published minutes, an upcoming sent agenda with
comments and answers, and a draft agenda with topic proposals. Idempotent."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from actionplan.services import measures_of
from membership.demo import DemoContext, demo_user, register
from membership.models import CouncilMembership, Organisation, Role
from membership.services import council_memberships_on

from . import numbering, review, services
from .models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    CalendarEvent,
    ConflictOfInterest,
    Dissent,
    Meeting,
    ReviewComment,
    TopicProposal,
    Vote,
    WithholdingGround,
)

MEETING_DAYS = [(2, 3), (4, 14), (6, 2), (9, 15), (11, 24)]
TOPICS = [
    ("Toimintasuunnitelman 2026–2030 seuranta", "Käydään läpi mittareiden tilanne.", "Merkitään tiedoksi."),
    ("Järjestöavustusten jakoperusteet", "Hyvinvointialueen järjestöavustusten kriteerit.", "Puolletaan."),
    (
        "Palvelupolkujen kuvaaminen yhdessä järjestöjen kanssa",
        "Tavoite 01: toimiva palvelupolku.",
        "Hyväksytään.",
    ),
    ("Sidosryhmäkyselyn tulokset", "Kyselyn arvosana 1–5, tavoite 4.", "Merkitään tiedoksi."),
    ("Järjestöjen tilat ja kohtaamispaikat", "Tilojen saatavuus Vantaalla ja Keravalla.", "Valmistellaan."),
    ("Hyvinvointitarjottimen käyttö", "Tarjottimen käyttökerrat kasvussa.", "Merkitään tiedoksi."),
    ("Lähellä.fi ja palvelutietovaranto", "Järjestöjen näkyvyys kansalaisille.", "Hyväksytään."),
    ("Vapaaehtoistoiminnan tukeminen", "Vapaaehtoisvoimin toimivien järjestöjen jaksaminen.", "Hyväksytään."),
]
RESOLUTIONS = ["as_proposed", "noted", "as_proposed", "amended", "noted", "returned", "as_proposed", "vote"]
# Which measures of the action plan each demo topic concerns (decisions traced to the plan).
TOPIC_MEASURES = {
    TOPICS[0][0]: ["02.1"],
    TOPICS[1][0]: ["02.2"],
    TOPICS[2][0]: ["01.1"],
    TOPICS[3][0]: ["02.1", "03.1"],
    TOPICS[6][0]: ["01.2"],
}
# The council's rules: 16 NGO seats, the chair, the vice-chair and the board's representative.
COUNCIL_SEATS = 19


def _at(day: datetime.date, hour: int = 14) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@register(30, "council")
def seed_council(ctx: DemoContext) -> None:
    # Sending the demo agenda must not email the demo addresses; the emails are kept in memory.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _seed(ctx)


@transaction.atomic
def _seed(ctx: DemoContext) -> None:
    council = Body.objects.get(slug="neuvottelukunta")
    if not council.seat_count:
        council.seat_count = COUNCIL_SEATS
        council.save(update_fields=["seat_count"])
    today = timezone.localdate()
    _ensure_seats(ctx, today)
    group = _working_group(today)
    years = range(today.year - 2, today.year + 1)
    per_year = sorted(
        MEETING_DAYS if ctx.scale == "small" else MEETING_DAYS + [(1, 20), (3, 10), (5, 5), (8, 25), (10, 6)]
    )
    measures = {m.code: m for m in measures_of()}
    past_years = range(today.year - 10, today.year + 1) if ctx.scale == "large" else years
    items_per_meeting = 8 if ctx.scale == "small" else 25
    created = 0
    for year in past_years:
        for month, day in per_year:
            date = datetime.date(year, month, day)
            if date < today - datetime.timedelta(days=7):
                created += _past_meeting(ctx, council, date, items_per_meeting, measures)
    created += _past_meeting(ctx, group, datetime.date(today.year - 1, 10, 10), 4, measures)
    _upcoming(ctx, council, today)
    _events(today.year)
    ctx.log(f"  + {created} past council meetings")


def _ensure_seats(ctx: DemoContext, today: datetime.date) -> None:
    """Council seats for the demo unless the membership seeder already made them."""
    if council_memberships_on(today).exists():
        return
    start, end = datetime.date(today.year - 2, 1, 1), datetime.date(today.year + 2, 12, 31)
    organisations = list(Organisation.objects.filter(business_id__startswith="31").order_by("pk")[:16])
    for index, organisation in enumerate(organisations):
        if index == 0:
            user = ctx.users.get(Role.MEMBER) or demo_user("jasen@example.fi", "Jussi", "Jäsen")
        else:
            user = demo_user(
                f"jasen{index}@example.fi", "Jäsen", f"{index}", "sv" if index % 5 == 0 else "fi"
            )
        deputy = demo_user(f"varajasen{index}@example.fi", "Varajäsen", f"{index}")
        position = CouncilMembership.Position.CHAIR if index == 1 else CouncilMembership.Position.MEMBER
        principal = CouncilMembership.objects.create(
            user=user,
            full_name=str(user),
            email=user.email,
            organisation=organisation,
            seat_category=organisation.seat_category,
            position=position,
            starts_on=start,
            ends_on=end,
        )
        CouncilMembership.objects.create(
            user=deputy,
            full_name=str(deputy),
            email=deputy.email,
            organisation=organisation,
            seat_category=organisation.seat_category,
            position=CouncilMembership.Position.DEPUTY,
            deputy_of=principal,
            starts_on=start,
            ends_on=end,
        )


def _working_group(today: datetime.date) -> Body:
    group, created = Body.objects.get_or_create(
        slug="palvelupolkutyoryhma",
        defaults={
            "name_fi": "Palvelupolkutyöryhmä",
            "name_sv": "Arbetsgruppen för servicekedjor",
            "name_en": "Service path working group",
            "kind": Body.Kind.WORKING_GROUP,
            "quorum_rule": Body.Quorum.HALF,
            "ngo_contacts_may_propose": True,
            "opening_items": "Kokouksen avaus",
            "closing_items": "Kokouksen päättäminen",
        },
    )
    if created:
        start = datetime.date(today.year - 2, 1, 1)
        for name, organisation in [
            ("Sari Sosiaalityöntekijä", "VAKE sosiaalipalvelut"),
            ("Olli Omainen", "Keravan Omaishoitajat ry"),
            ("Nina Nuorisotyö", "Vantaan Nuorten Tuki ry"),
        ]:
            BodyMember.objects.create(
                body=group,
                full_name=name,
                organisation_name=organisation,
                starts_on=start,
                email=f"{name.split()[0].lower()}@example.fi",
            )
    return group


def _past_meeting(ctx: DemoContext, body: Body, date: datetime.date, count: int, measures: dict) -> int:
    if Meeting.objects.filter(body=body, starts_at=_at(date)).exists():
        return 0
    meeting = services.create_meeting(
        Meeting(
            body=body,
            starts_at=_at(date),
            ends_at=_at(date, 16),
            place="Vantaan virastotalo, Asematie 7",
            agenda_deadline=date - datetime.timedelta(days=14),
            secretary_name="Helmi Hyte",
            chair_name="Puheenjohtaja",
        ),
        acting_user=ctx.users.get(Role.STAFF),
    )
    items = []
    for n in range(count):
        title, background, proposal = TOPICS[n % len(TOPICS)]
        items.append(
            AgendaItem(
                meeting=meeting,
                position=100 + n,
                title=title,
                background=background,
                proposal=proposal,
                presenter="Helmi Hyte",
                is_public=n % 7 != 6,
                public_title="Järjestön edustajan vaihtuminen (henkilöasia)" if n % 7 == 6 else "",
                withholding_ground=WithholdingGround.PRIVATE_LIFE if n % 7 == 6 else "",
            )
        )
    AgendaItem.objects.bulk_create(items)
    # The standard closing items stay last.
    closing = set(services.standard_titles(body.closing_items))
    ordered = sorted(meeting.items.all(), key=lambda i: (i.title in closing and i.position < 100, i.position))
    for position, item in enumerate(ordered):
        item.position = position
        item.resolution = RESOLUTIONS[position % len(RESOLUTIONS)]
        item.decision = f"{item.proposal or 'Asia käsiteltiin.'} ({date:%-d.%-m.%Y})"
    AgendaItem.objects.bulk_update(ordered, ["position", "resolution", "decision"])
    numbering.finalise(meeting, acting_user=ctx.users.get(Role.STAFF))
    for seat in services.seats_of(body, date):
        present = not seat.is_deputy and ctx.rng.random() < 0.85
        Attendance.objects.create(
            meeting=meeting,
            seat=seat.seat,
            is_deputy=seat.is_deputy,
            user=seat.user,
            full_name=seat.full_name,
            email=seat.email,
            council_membership_id=seat.council_membership_id,
            body_member_id=seat.body_member_id,
            answer=Attendance.Answer.ATTENDING if present else Attendance.Answer.ABSENT,
            present=present,
        )
    _handling(meeting, ordered, measures)
    rows = list(meeting.attendances.all())
    held = review.quorum(meeting, rows)
    Meeting.objects.filter(pk=meeting.pk).update(
        state=Meeting.State.PUBLISHED,
        minutes_state=Meeting.MinutesState.PUBLISHED,
        sent_at=_at(date - datetime.timedelta(days=7)),
        reminder_sent_at=_at(date - datetime.timedelta(days=2)),
        quorum_seats=held.seats,
        quorum_present=held.present,
        quorum_needed=held.needed,
        quorate=held.reached,
        public_from=date + datetime.timedelta(days=7),
    )
    return 1


def _handling(meeting: Meeting, items: list[AgendaItem], measures: dict) -> None:
    """Votes, a dissent, a conflict of interest and the links to the plan's measures."""
    present = [a for a in meeting.attendances.all() if a.present]
    for item in items:
        for code in TOPIC_MEASURES.get(item.title, []):
            if code in measures:
                item.measures.add(measures[code])
        if item.resolution == "vote" and len(present) >= 3:
            conflicted = present[-1]
            ConflictOfInterest.objects.create(
                item=item, attendance=conflicted, ground="Hakijajärjestön hallituksen jäsen"
            )
            voters = len(present) - 1
            Vote.objects.create(
                item=item,
                proposals="Jaa = esittelijän ehdotus, Ei = Jäsen 2:n vastaehdotus",
                votes_for=voters - 3,
                votes_against=2,
                votes_abstained=1,
            )
            Dissent.objects.create(
                item=item,
                attendance=present[0],
                text="Jätän eriävän mielipiteen: vastaehdotus olisi ollut parempi.",
            )


def _upcoming(ctx: DemoContext, council: Body, today: datetime.date) -> None:
    if Meeting.objects.filter(body=council, starts_at__gte=timezone.now()).exists():
        return
    soon = today + datetime.timedelta(days=10)
    staff = ctx.users.get(Role.STAFF)
    sent = services.create_meeting(
        Meeting(
            body=council,
            starts_at=_at(soon),
            ends_at=_at(soon, 16),
            place="Keravan kaupungintalo, Kauppakaari 11",
            remote_link="https://teams.example.fi/neuvottelukunta",
            agenda_deadline=today - datetime.timedelta(days=3),
        ),
        acting_user=staff,
    )
    for title, background, proposal in TOPICS[:4]:
        services.add_item(
            sent,
            acting_user=staff,
            title=title,
            background=background,
            proposal=proposal,
            presenter="Helmi Hyte",
        )
    services.add_item(
        sent,
        acting_user=staff,
        title="Järjestön edustajan vaihtuminen",
        is_public=False,
        public_title="Järjestön edustajan vaihtuminen (henkilöasia)",
        withholding_ground=WithholdingGround.PRIVATE_LIFE,
        background="Luottamuksellinen tausta.",
    )
    services.send_agenda(sent, acting_user=staff)
    # Here, not in the worker: the invitations must reach the in-memory outbox, not the demo addresses.
    services.mail_agenda_invitations()
    people = list(sent.attendances.filter(is_deputy=False).select_related("user"))
    for index, attendance in enumerate(people[:10]):
        if attendance.user:
            review.answer_attendance(attendance.user, sent, attends=index % 4 != 3)
    first_item = sent.items.get(title=TOPICS[0][0])
    for attendance in people[:3]:
        if attendance.user:
            ReviewComment.objects.create(
                item=first_item, author=attendance.user, text="Hyvä, että seuranta on mukana."
            )
    later = today + datetime.timedelta(days=60)
    draft = services.create_meeting(
        Meeting(
            body=council,
            starts_at=_at(later),
            place="Vantaan virastotalo, Asematie 7",
            agenda_deadline=later - datetime.timedelta(days=21),
        ),
        acting_user=staff,
    )
    proposer = ctx.users.get(Role.MEMBER) or people[0].user
    for title, description in [
        ("Järjestöjen kokemukset palveluohjauksesta", "Miten järjestöt ohjaavat asiakkaita palveluihin?"),
        ("Ikäihmisten yksinäisyys", "Yhteinen kampanja seniorijärjestöjen kanssa."),
        ("Avustushakemusten aikataulu", "Hakuaikojen yhtenäistäminen."),
    ]:
        TopicProposal.objects.create(
            body=council, meeting=draft, proposer=proposer, title=title, description=description
        )


def _events(year: int) -> None:
    for month, day, kind, title in [
        (1, 31, CalendarEvent.Kind.REPORT, "Toimintasuunnitelman seurantaraportti lautakunnalle"),
        (3, 15, CalendarEvent.Kind.GRANT, "Järjestöavustusten haku alkaa"),
        (4, 15, CalendarEvent.Kind.GRANT, "Järjestöavustusten haku päättyy"),
        (8, 31, CalendarEvent.Kind.REPORT, "HYTE-tehtäväalueen neljännesvuosiraportti"),
        (10, 1, CalendarEvent.Kind.CALL, "Neuvottelukunnan jäsenhaku avautuu"),
    ]:
        CalendarEvent.objects.get_or_create(
            date=datetime.date(year, month, day), title=title, defaults={"kind": kind}
        )
