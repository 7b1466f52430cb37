import datetime

from django.utils import timezone

from actionplan import services
from actionplan.demo import REVIEW_DAYS, seed_actionplan
from actionplan.models import Reading
from membership.demo import DemoContext
from membership.models import Role
from tests.factories import user_with_role


def test_demo_readings_are_only_for_ended_periods_and_only_older_ones_are_published(db):
    today = timezone.localdate()
    ctx = DemoContext(log=lambda _message: None, users={Role.STAFF: user_with_role(Role.STAFF)})
    seed_actionplan(ctx)
    seed_actionplan(ctx)  # idempotent
    periods = list(services.current_plan().periods.all())
    assert Reading.objects.exists()
    assert not Reading.objects.filter(period__ends_on__gte=today).exists()
    for period in periods:
        if period.ends_on >= today:
            assert not (period.is_published or period.is_closed), period.code
        # Published and closed once the team has had its quarter to check the readings.
        old = period.ends_on < today - datetime.timedelta(days=REVIEW_DAYS)
        assert period.is_published == period.is_closed == old, period.code
    assert any(p.ends_on >= today for p in periods)
