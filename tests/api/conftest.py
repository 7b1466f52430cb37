"""Public and non-public content side by side, made through the services as staff would."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from actionplan import services as plan_services
from actionplan.models import Indicator
from council import handling, minutes, services
from council.models import Attachment, Meeting
from membership.models import CouncilMembership, Role
from tests.council.factories import make_meeting, seat
from tests.factories import user_with_role

# Strings that must never leave the portal through the API.
SECRET_TITLE = "SALAINEN-OTSIKKO-Virtanen"
SECRET_TEXT = "SALAINEN-TAUSTA-terveystieto"
SECRET_DECISION = "SALAINEN-PAATOS-korvaus"
DRAFT_DECISION = "LUONNOS-PAATOS-ei-julkaistu"
SECRET_EMAIL = "salainen.jasen@example.fi"
UNPUBLISHED_VALUE = Decimal("4242")
UNPUBLISHED_ASSESSMENT = "JULKAISEMATON-ARVIO"
VOTE_PROPOSALS = "Jaa = esittelijän ehdotus, Ei = vastaehdotus"
DISSENT_TEXT = "Eriävä mielipide: vastaehdotus olisi ollut parempi"
INSIDER_LINK = "https://meet.example.fi/abc"
SECRETS = (SECRET_TITLE, SECRET_TEXT, SECRET_DECISION, DRAFT_DECISION, SECRET_EMAIL, UNPUBLISHED_ASSESSMENT)


@dataclass
class PublicWorld:
    published: Meeting
    agenda_only: Meeting
    sent: Meeting
    draft: Meeting
    member: CouncilMembership
    withheld_item_id: int
    public_item_id: int


def _decide(meeting: Meeting, decisions: dict) -> None:
    """Every item gets a resolution (checking needs one); `decisions` names the ones that matter."""
    every = {item.pk: {"decision": "", "resolution": "noted"} for item in meeting.items.all()}
    # Everyone invited came: the meeting is quorate, so its decisions may be recorded.
    present = set(meeting.attendances.values_list("pk", flat=True))
    minutes.save_minutes(
        meeting, meeting.version, {"chair_name": "Puheenjohtaja Pia"}, every | decisions, present
    )


def _record_vote_and_dissent(item) -> None:
    """A divided vote on a public item, and the minority's dissenting opinion."""
    first, second = item.meeting.attendances.filter(present=True).order_by("pk")[:2]
    handling.record_handling(
        item,
        handling.Handling(
            conflicted=set(),
            vote=handling.VoteInput(
                proposals=VOTE_PROPOSALS, ballots={first.pk: "for", second.pk: "against"}
            ),
            dissent_by=second.pk,
            dissent_text=DISSENT_TEXT,
        ),
    )


def _publish_minutes(meeting: Meeting, staff) -> None:
    minutes.set_checkers(meeting, [staff])
    minutes.send_to_checkers(meeting)
    minutes.approve_minutes(meeting)
    minutes.publish_minutes(meeting)


def plan_readings(staff) -> None:
    """A published period with a reading and a status; an unpublished one with its own."""
    plan = plan_services.current_plan()
    indicator = Indicator.objects.filter(measure__goal__plan=plan, kind=Indicator.Kind.COUNT).first()
    published = plan_services.ensure_period(plan, "2026-H1")
    hidden = plan_services.ensure_period(plan, "2026-H2")
    plan_services.record_reading(indicator, published, "12", acting_user=staff)
    plan_services.record_reading(indicator, hidden, str(UNPUBLISHED_VALUE), acting_user=staff)
    suggestion = plan_services.suggested_status(indicator.measure, hidden)
    plan_services.set_measure_status(
        indicator.measure, hidden, suggestion, acting_user=staff, assessment=UNPUBLISHED_ASSESSMENT
    )
    shown = plan_services.suggested_status(indicator.measure, published)
    plan_services.set_measure_status(
        indicator.measure, published, shown, acting_user=staff, assessment="Etenee"
    )
    plan_services.publish_period(published)


@pytest.fixture
def public_world(db) -> PublicWorld:
    staff = user_with_role(Role.STAFF)
    member_user = user_with_role(Role.MEMBER, email=SECRET_EMAIL)
    member = seat(user=member_user)
    seat()
    measure = plan_services.measures_of().first()

    published = make_meeting(days=-30, items=2)
    public_item, withheld = list(published.items.order_by("position"))[-2:]
    services.update_item(public_item, public_item.version, title="Avoin asia", proposal="Ehdotetaan X")
    public_item.measures.add(measure)
    Attachment.objects.create(item=public_item, name="julkinen.pdf", content_type="application/pdf", size=9)
    secret_file = Attachment(item=withheld, name="salainen-liite.pdf", content_type="application/pdf", size=9)
    secret_file.file.save("salainen.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    services.update_item(
        withheld,
        withheld.version,
        title=SECRET_TITLE,
        background=SECRET_TEXT,
        proposal=SECRET_TEXT,
        is_public=False,
        public_title="Henkilöstöasia",
        withholding_ground="24.1.25",
    )
    services.send_agenda(published)
    published.refresh_from_db()
    _decide(
        published,
        {
            public_item.pk: {"decision": "Hyväksyttiin X", "resolution": "as_proposed"},
            withheld.pk: {
                "decision": SECRET_DECISION,
                "resolution": "as_proposed",
                "is_public": False,
                "public_title": "Henkilöstöasia",
                "withholding_ground": "24.1.25",
            },
        },
    )
    _record_vote_and_dissent(public_item)
    _publish_minutes(published, staff)

    agenda_only = make_meeting(days=-10, items=1)
    services.send_agenda(agenda_only)
    services.publish_agenda(agenda_only)
    agenda_only.refresh_from_db()
    _decide(
        agenda_only, {agenda_only.items.first().pk: {"decision": DRAFT_DECISION, "resolution": "amended"}}
    )

    sent = make_meeting(days=5, items=1)
    sent.items.update(title=SECRET_TITLE)
    services.send_agenda(sent)
    draft = make_meeting(days=40, items=1)
    draft.items.update(title=SECRET_TITLE)

    plan_readings(staff)
    return PublicWorld(
        published=published,
        agenda_only=agenda_only,
        sent=sent,
        draft=draft,
        member=member,
        withheld_item_id=withheld.pk,
        public_item_id=public_item.pk,
    )
