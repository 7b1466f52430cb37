from decimal import Decimal

import pytest

from actionplan import charts, services
from actionplan.models import Indicator, Reading, Status
from membership.models import Role
from tests.factories import user_with_role

from .factories import IndicatorFactory, MeasureFactory


@pytest.fixture
def staff(db):
    return user_with_role(Role.STAFF)


def test_reading_is_checked_recorded_and_corrected_with_history(staff):
    indicator = IndicatorFactory()
    period = services.ensure_period(indicator.measure.goal.plan, "2026-Q2")
    with pytest.raises(services.PlanError, match="between 1 and 5"):
        services.record_reading(indicator, period, "7", acting_user=staff)
    with pytest.raises(services.PlanError, match="not a number"):
        services.record_reading(indicator, period, "hyvä", acting_user=staff)
    reading = services.record_reading(indicator, period, "3,4", acting_user=staff, evidence="Kysely 5/2026")
    assert reading.value == Decimal("3.4")
    with pytest.raises(services.PlanError, match="reason"):
        services.record_reading(indicator, period, "3.6", acting_user=staff)
    services.record_reading(indicator, period, "3.6", acting_user=staff, correction_reason="Laskuvirhe")
    reading.refresh_from_db()
    assert reading.value == Decimal("3.6")
    assert [h.value for h in reading.history.order_by("history_date")] == [Decimal("3.4"), Decimal("3.6")]
    assert reading.history.first().history_user == staff
    indicator.refresh_from_db()
    assert indicator.next_reading_due is not None


def test_period_outside_the_plan_and_closed_period_are_refused(staff):
    indicator = IndicatorFactory()
    plan = indicator.measure.goal.plan
    with pytest.raises(services.PlanError, match="outside the plan"):
        services.ensure_period(plan, "2031-Q1")
    with pytest.raises(services.PlanError, match="not a reporting period"):
        services.ensure_period(plan, "2026-Q9")
    period = services.ensure_period(plan, "2026-H1")
    services.close_period(period, acting_user=staff)
    with pytest.raises(services.PlanError, match="closed"):
        services.record_reading(indicator, period, "4", acting_user=staff)
    with pytest.raises(services.PlanError, match="closed"):
        services.set_measure_status(
            indicator.measure, period, Status.ON_TRACK, acting_user=staff, override_reason="x"
        )
    assert not Reading.objects.exists()


def test_ordinal_values_accept_words_in_three_languages(staff):
    indicator = IndicatorFactory(kind=Indicator.Kind.YES_PARTIAL_NO, baseline_value=None, target=Decimal(1))
    assert services.parse_value(indicator, "Osittain") == Decimal("0.5")
    assert services.parse_value(indicator, "ja") == Decimal(1)
    assert services.parse_value(indicator, "no") == Decimal(0)
    with pytest.raises(services.PlanError, match="yes, partially or no"):
        services.parse_value(indicator, "ehkä")


def test_status_suggestion_and_override_needs_reason(staff):
    measure = MeasureFactory()
    indicator = IndicatorFactory(measure=measure, baseline_value=Decimal(3), baseline_year=2025)
    plan = measure.goal.plan
    early = services.ensure_period(plan, "2026")
    services.record_reading(indicator, early, "3.2", acting_user=staff)
    assert services.suggested_status(measure, early) == Status.ON_TRACK
    late = services.ensure_period(plan, "2028")
    services.record_reading(indicator, late, "3.0", acting_user=staff)
    assert services.suggested_status(measure, late) == Status.LATE
    with pytest.raises(services.PlanError, match="give a reason"):
        services.set_measure_status(measure, late, Status.ON_TRACK, acting_user=staff)
    record = services.set_measure_status(
        measure,
        late,
        Status.AT_RISK,
        acting_user=staff,
        assessment="Kysely myöhässä",
        override_reason="Uusi kysely tulossa",
    )
    assert record.suggested_status == Status.LATE and record.is_overridden
    # One row per save, naming who set the status (no separate row for the creation).
    assert [(h.status, h.history_user) for h in record.history.all()] == [(Status.AT_RISK, staff)]
    progress = services.plan_progress(plan, late)
    assert [m.status for m in progress.measures] == [Status.AT_RISK]
    assert services.measures_at_risk(plan, late)[0].measure == measure
    assert [p.value for p in services.indicator_series(indicator)] == [Decimal("3.2"), Decimal("3.0")]
    reached = services.ensure_period(plan, "2029")
    services.record_reading(indicator, reached, "4.1", acting_user=staff)
    assert services.suggested_status(measure, reached) == Status.DONE


def test_public_progress_sees_published_periods_only(staff):
    indicator = IndicatorFactory()
    plan = indicator.measure.goal.plan
    period = services.ensure_period(plan, "2026-Q2")
    services.record_reading(indicator, period, "3.5", acting_user=staff)
    assert services.plan_progress(plan, public=True).measures[0].indicators[0].latest is None
    services.publish_period(period)
    assert services.plan_progress(plan, public=True).measures[0].indicators[0].latest.value == Decimal("3.5")


def test_chart_is_accessible_svg_with_escaped_text(staff):
    indicator = IndicatorFactory(name_fi="Kokemus <osallisuudesta> & muuta")
    plan = indicator.measure.goal.plan
    for code, value in (("2026-Q1", "3.1"), ("2026-Q2", "3.3")):
        services.record_reading(indicator, services.ensure_period(plan, code), value, acting_user=staff)
    item = services.plan_progress(plan).measures[0].indicators[0]
    svg = charts.indicator_chart_svg(item)
    assert svg.startswith("<svg") and 'role="img"' in svg and "aria-labelledby" in svg
    assert "&lt;osallisuudesta&gt; &amp; muuta" in svg
    assert svg.count("<circle") == 2
    assert "2026-Q2" in svg
