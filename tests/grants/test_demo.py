import pytest
from django.db.models import Count, Q

from grants import demo
from grants.demo import seed_grants
from grants.models import CountyComparison, Grant, GrantRound, GrantType, GrantYear, Payment
from grants.services import with_flags
from membership.demo import DemoContext, seed_membership


@pytest.mark.django_db
def test_demo_has_three_years_and_running_twice_changes_nothing():
    ctx = DemoContext(log=lambda message: None)
    seed_membership(ctx)
    seed_grants(ctx)
    counts = [
        Grant.objects.count(),
        GrantYear.objects.count(),
        Payment.objects.count(),
        GrantRound.objects.count(),
    ]
    seed_membership(ctx)
    seed_grants(ctx)
    assert [
        Grant.objects.count(),
        GrantYear.objects.count(),
        Payment.objects.count(),
        GrantRound.objects.count(),
    ] == counts
    assert len(set(Grant.objects.values_list("year", flat=True))) == 3
    assert CountyComparison.objects.count() == 22
    flagged = with_flags(Grant.objects.all())
    assert flagged.filter(double_funded=True).exists()
    assert flagged.filter(report_overdue=True).exists()
    assert Grant.objects.filter(funder="stea").exclude(stea_type="").exists()


def _unpaid_instalments():
    return Grant.objects.annotate(
        instalments=Count("payments"), unpaid=Count("payments", filter=Q(payments__paid_on__isnull=True))
    )


@pytest.mark.django_db
def test_a_demo_grant_is_paid_exactly_when_every_instalment_is(monkeypatch):
    ctx = DemoContext(log=lambda message: None)
    seed_membership(ctx)
    seed_grants(ctx)
    monkeypatch.setattr(demo, "LARGE_GRANTS", 40)  # the benchmark grants, as few
    demo._seed_many(ctx, GrantType.objects.get(code="activity"))
    grants = _unpaid_instalments().filter(instalments__gt=0)
    paid = grants.filter(status=Grant.Status.PAID)
    assert paid.filter(activity__startswith="Testitoiminta").exists()
    assert paid.exclude(activity__startswith="Testitoiminta").exists()
    assert not paid.filter(unpaid__gt=0).exists()
    settled = (Grant.Status.PAID, Grant.Status.REPORTED)
    assert not grants.filter(unpaid=0).exclude(status__in=settled).exists()
    for grant in paid:
        assert sum(p.paid_amount for p in grant.payments.all()) == grant.amount_granted


@pytest.mark.django_db
def test_the_benchmark_grants_are_as_consistent_as_real_ones(monkeypatch):
    ctx = DemoContext(log=lambda message: None)
    seed_membership(ctx)
    seed_grants(ctx)
    monkeypatch.setattr(demo, "LARGE_GRANTS", 400)
    demo._seed_many(ctx, GrantType.objects.get(code="activity"))
    many = Grant.objects.filter(activity__startswith="Testitoiminta")
    rejected = many.filter(status=Grant.Status.REJECTED)
    assert rejected.exists()
    assert not rejected.filter(Q(report_due_on__isnull=False) | Q(payments__isnull=False)).exists()
    assert not many.filter(status=Grant.Status.REPORTED, report_received_on__isnull=True).exists()
    # A use report is overdue for a few earlier grants, not for most of them.
    overdue = with_flags(many).filter(report_overdue=True).count()
    assert 0 < overdue < many.exclude(status=Grant.Status.REJECTED).count() / 10
