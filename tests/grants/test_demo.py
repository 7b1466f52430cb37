import pytest

from grants.demo import seed_grants
from grants.models import CountyComparison, Grant, GrantRound, GrantYear, Payment
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
