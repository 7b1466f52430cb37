import datetime
from decimal import Decimal

import pytest
from django.core import mail

from grants import services
from grants.models import Funder, Grant, GrantYear, ReportReminder
from membership.models import Municipality
from tests.factories import OrganisationFactory, contact_of

from .factories import GrantFactory

pytestmark = pytest.mark.django_db


def _flags(grant):
    return services.with_flags(Grant.objects.filter(pk=grant.pk)).get()


def test_same_activity_funded_by_county_and_municipality_is_flagged():
    county = GrantFactory(activity="Kohtaamispaikka")
    municipal = GrantFactory(
        organisation=county.organisation,
        activity="  kohtaamispaikka ",
        funder=Funder.MUNICIPALITY,
        funder_municipality=Municipality.objects.get(code="092"),
    )
    other_year = GrantFactory(organisation=county.organisation, activity="Kohtaamispaikka", year=2024)
    private = GrantFactory(organisation=county.organisation, activity="Kohtaamispaikka", funder=Funder.OTHER)
    assert _flags(county).double_funded
    assert _flags(municipal).double_funded
    assert not _flags(other_year).double_funded
    assert not _flags(private).double_funded


def test_rejected_application_is_not_double_funding():
    county = GrantFactory(activity="Ystäväpalvelu")
    GrantFactory(
        organisation=county.organisation,
        activity="Ystäväpalvelu",
        funder=Funder.STEA,
        status=Grant.Status.REJECTED,
    )
    assert not _flags(county).double_funded


def test_overdue_report_is_flagged_until_received():
    grant = GrantFactory(report_due_on=datetime.date(2025, 3, 31))
    today = datetime.date(2025, 4, 1)
    assert services.with_flags(Grant.objects.filter(pk=grant.pk), today).get().report_overdue
    grant.report_received_on = datetime.date(2025, 4, 1)
    grant.save()
    assert not services.with_flags(Grant.objects.filter(pk=grant.pk), today).get().report_overdue


def test_payments_may_not_exceed_the_amount_granted():
    grant = GrantFactory(amount_granted=Decimal("10000"))
    services.add_payment(
        grant, datetime.date(2025, 2, 1), Decimal("6000"), datetime.date(2025, 2, 3), Decimal("6000")
    )
    with pytest.raises(services.GrantError):
        services.add_payment(grant, datetime.date(2025, 9, 1), Decimal("4000.01"))
    services.add_payment(grant, datetime.date(2025, 9, 1), Decimal("4000"))
    assert grant.payments.count() == 2


def test_multi_year_grant_keeps_an_amount_per_year():
    grant = GrantFactory.build(organisation=OrganisationFactory(), amount_granted=Decimal("90000"), year=2026)
    services.save_grant(grant, {2026: Decimal("30000"), 2027: Decimal("30000"), 2028: Decimal("30000")})
    assert list(GrantYear.objects.filter(grant=grant).values_list("year", flat=True)) == [2026, 2027, 2028]
    with pytest.raises(services.GrantError):
        services.save_grant(grant, {2026: Decimal("60000"), 2027: Decimal("60000")})


def test_totals_by_dimension_with_change_from_previous_year():
    vantaa = Municipality.objects.get(code="092")
    kerava = Municipality.objects.get(code="245")
    GrantFactory(year=2024, municipality=vantaa, amount_granted=Decimal("1000"))
    GrantFactory(year=2025, municipality=vantaa, amount_granted=Decimal("1500"))
    GrantFactory(year=2025, municipality=vantaa, amount_granted=Decimal("500"))
    GrantFactory(year=2025, municipality=kerava, amount_granted=Decimal("700"))
    GrantFactory(year=2025, municipality=kerava, amount_granted=Decimal("9999"), status=Grant.Status.REJECTED)
    rows = {row.label: row for row in services.totals_for_year(2025, "municipality")}
    assert rows["Vantaa"].current == Decimal("2000")
    assert rows["Vantaa"].previous == Decimal("1000")
    assert rows["Vantaa"].change_percent == Decimal("100.0")
    assert rows["Kerava"].current == Decimal("700")
    assert rows["Kerava"].change_percent is None
    by_year = services.totals_by_year()
    assert [(r.key, r.current, r.change) for r in by_year] == [
        (2024, Decimal("1000"), None),
        (2025, Decimal("2700"), Decimal("1700")),
    ]


def test_report_totals_by_category_and_municipality():
    vantaa = Municipality.objects.get(code="092")
    GrantFactory(year=2024, municipality=vantaa, amount_granted=Decimal("1000"))
    GrantFactory(year=2025, municipality=vantaa, amount_granted=Decimal("1200"))
    GrantFactory(year=2025, funder=Funder.STEA, stea_type="C", amount_granted=Decimal("50000"))
    rows = services.totals_by_category_and_municipality(2025)
    assert rows == [
        {
            "seat_category": "Pensioners' associations",
            "municipality": "Vantaa",
            "current": Decimal("1200"),
            "previous": Decimal("1000"),
            "change": Decimal("200"),
        }
    ]


def test_reminders_go_once_before_and_once_after_in_the_contacts_language(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    contact = contact_of(organisation)
    contact.preferred_language = "sv"
    contact.save()
    grant = GrantFactory(organisation=organisation, report_due_on=datetime.date(2025, 3, 31))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_report_reminders(datetime.date(2025, 3, 20)) == 1
        assert services.send_report_reminders(datetime.date(2025, 3, 21)) == 0
        assert services.send_report_reminders(datetime.date(2025, 4, 10)) == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == [contact.email]
    assert f"/sv/grants/{grant.pk}/" in mail.outbox[1].body
    assert set(ReportReminder.objects.values_list("kind", flat=True)) == {"before", "after"}


def test_reminder_task_calls_the_service(django_capture_on_commit_callbacks):
    from grants.tasks import send_report_reminders

    organisation = OrganisationFactory()
    contact_of(organisation)
    GrantFactory(organisation=organisation, report_due_on=datetime.date.today() - datetime.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_report_reminders.apply().get() == 1
    assert mail.outbox[0].subject == "Avustuksenne käyttöselvitys on myöhässä"


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("single", [("2025-02-03", "1000.00")]),
        ("two", [("2025-02-03", "500.00"), ("2025-09-15", "500.00")]),
        (
            "quarterly",
            [
                ("2025-02-03", "250.00"),
                ("2025-04-15", "250.00"),
                ("2025-07-15", "250.00"),
                ("2025-10-15", "250.00"),
            ],
        ),
    ],
)
def test_payments_are_planned_by_the_rounds_rule(rule, expected):
    from .factories import GrantRoundFactory

    grant_round = GrantRoundFactory(payment_rule=rule, decision_date=datetime.date(2025, 1, 20))
    grant = GrantFactory(grant_round=grant_round, amount_granted=Decimal("1000"))
    services.plan_payments(grant)
    assert [(str(p.planned_on), str(p.planned_amount)) for p in grant.payments.all()] == expected
    with pytest.raises(services.GrantError):
        services.plan_payments(grant)


def test_yearly_rule_plans_one_payment_per_yearly_share():
    from .factories import GrantRoundFactory

    grant_round = GrantRoundFactory(
        payment_rule="yearly", decision_date=datetime.date(2026, 1, 20), year=2026
    )
    grant = GrantFactory.build(
        organisation=OrganisationFactory(),
        grant_round=grant_round,
        year=2026,
        amount_granted=Decimal("90000"),
    )
    services.save_grant(grant, {2026: Decimal("30000"), 2027: Decimal("30000"), 2028: Decimal("30000")})
    services.plan_payments(grant)
    assert [str(p.planned_on) for p in grant.payments.all()] == ["2026-01-31", "2027-01-31", "2028-01-31"]


def test_grant_decisions_name_the_acting_user_in_their_history_without_a_request():
    from membership.models import Role
    from tests.factories import user_with_role

    from .factories import GrantRoundFactory

    staff = user_with_role(Role.STAFF)
    grant_round = GrantRoundFactory(payment_rule="two", decision_date=datetime.date(2025, 1, 20))
    grant = GrantFactory.build(
        organisation=OrganisationFactory(), grant_round=grant_round, amount_granted=Decimal("1000")
    )
    services.save_grant(grant, acting_user=staff)
    assert grant.history.latest().history_user == staff
    assert services.plan_payments(grant, acting_user=staff) == 2
    planned = grant.payments.all()
    assert {p.history.get().history_user for p in planned} == {staff}  # bulk, with history
    first = planned.first()
    services.save_payment(
        grant,
        first.planned_on,
        first.planned_amount,
        first.planned_on,
        first.planned_amount,
        first,
        acting_user=staff,
    )
    assert first.history.latest().history_type == "~" and first.history.latest().history_user == staff
