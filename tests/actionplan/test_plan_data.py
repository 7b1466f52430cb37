"""The plan loaded by the data migration, checked against seed 003 itself (a copy is in data/)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from actionplan.models import Indicator, IndicatorTarget, Measure, Plan, PlanGoal, SubAction
from actionplan.plan_data import import_plan

SEED = Path(__file__).parent / "data" / "seed_003.txt"
TAG = re.compile(r"<[^>]+>")


def norm(text: str) -> str:
    """Words only: tags, bullets, dashes and line breaks differ between HTML cells and our lines."""
    return re.sub(r"[\s•\-–]+", " ", TAG.sub(" ", text)).strip()


def seed_tables() -> list[list[dict]]:
    """Per goal, the rows of its measure table: title, sub-actions, baseline and target cells."""
    text = SEED.read_text(encoding="utf-8")
    goals = []
    for section in text.split("Toimenpide\tLähtötaso\tTavoitetaso")[1:]:
        rows = []
        for line in section.splitlines():
            if not line.startswith("<p>"):
                continue
            measure, baseline, target = line.split("\t")
            title = re.match(r"<p>(.*?)</p>", measure).group(1)
            items = re.search(r"<ul[^>]*>(.*?)(?:</ul>)?$", measure)
            subs = [s for s in re.split(r"(?:^|\s)- ", items.group(1).strip()) if s.strip()] if items else []
            rows.append({"title": title, "subs": subs, "baseline": baseline, "target": target})
        goals.append(rows)
    return goals


def seed_goal_titles() -> dict[str, str]:
    text = SEED.read_text(encoding="utf-8")
    return dict(re.findall(r"^(0[123]) (.+)$", text, re.MULTILINE))


@pytest.mark.django_db
def test_loaded_plan_matches_seed_003():
    plan = Plan.objects.get(code="2026-2030")
    assert (plan.first_year, plan.last_year, str(plan.approved_on)) == (2026, 2030, "2026-05-26")
    goals = list(PlanGoal.objects.filter(plan=plan).order_by("code"))
    assert [g.code for g in goals] == ["01", "02", "03"]
    titles = seed_goal_titles()
    assert [norm(g.title_fi) for g in goals] == [norm(titles[c]) for c in ("01", "02", "03")]
    tables = seed_tables()
    assert [len(t) for t in tables] == [3, 3, 4]
    for goal, rows in zip(goals, tables, strict=True):
        measures = list(Measure.objects.filter(goal=goal).order_by("order"))
        assert len(measures) == len(rows)
        for measure, row in zip(measures, rows, strict=True):
            assert norm(measure.title_fi) == norm(row["title"])
            assert [norm(s.text_fi) for s in measure.sub_actions.all()] == [norm(s) for s in row["subs"]]
            assert norm(measure.baseline_fi) == norm(row["baseline"]), measure.code
            assert norm(measure.target_fi) == norm(row["target"]), measure.code
            indicators = list(measure.indicators.all())
            assert indicators, measure.code
            for indicator in indicators:
                # Every indicator is a target item as written in the plan.
                assert norm(indicator.name_fi) in norm(row["target"]), indicator.code
            # Every translation is there.
            assert measure.title_sv and measure.title_en and measure.baseline_sv and measure.target_en
            assert all(i.name_sv and i.name_en for i in indicators)


@pytest.mark.django_db
def test_plan_counts_kinds_and_targets():
    assert Measure.objects.filter(goal__plan__code="2026-2030").count() == 10
    assert SubAction.objects.filter(measure__goal__plan__code="2026-2030").count() == 23
    indicators = Indicator.objects.filter(measure__goal__plan__code="2026-2030")
    assert indicators.count() == 27
    grade = indicators.get(code="01.1.b")
    assert (grade.kind, grade.scale_min, grade.scale_max) == ("grade", Decimal(1), Decimal(5))
    final = grade.targets.get(year=2030)
    assert final.value == Decimal(4) and not final.is_interim and "arvosana 4" in final.text_fi
    assert grade.targets.get(year=2028).is_interim
    usage = indicators.get(code="01.2.d")
    assert (usage.kind, usage.collection, usage.unit_fi, usage.baseline_year) == (
        "count",
        "usage_statistics",
        "käyttökertaa",
        2026,
    )
    assert usage.targets.get().value is None
    assert indicators.get(code="03.4.a").kind == "deliverable"
    assert all(i.next_reading_due for i in indicators)
    assert PlanGoal.objects.get(code="03", plan__code="2026-2030").strategic_goal.code == "S1"


@pytest.mark.django_db
def test_reimport_changes_nothing_and_restores_edits(capsys):
    counts = [m.objects.count() for m in (PlanGoal, Measure, SubAction, Indicator, IndicatorTarget)]
    result = import_plan(apps.get_model)
    assert result.changed == 0
    assert (result.goals, result.measures, result.indicators) == (3, 10, 27)
    assert [m.objects.count() for m in (PlanGoal, Measure, SubAction, Indicator, IndicatorTarget)] == counts
    Measure.objects.filter(code="01.1").update(title_fi="Muutettu")
    call_command("import_action_plan")
    assert "1 rows created or changed" in capsys.readouterr().out
    assert Measure.objects.get(code="01.1").title_fi == "Kehitetään verkostoyhteistyötä"
