"""Load the action plan from its YAML file (actionplan/data/); used by a command, the demo and tests.

Idempotent: rows are found by their codes and saved only when a value differs, so a second import
of the same file changes nothing. Staff's own settings (who owns an indicator's data, when the next
reading is due) are set on creation only. Works with historical models (pass `apps.get_model`).
Migration 0002 carries its own frozen copy (actionplan/migrations/_0002_plan_data.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from membership.kernel.periods import Period

PLAN_FILE = Path(__file__).resolve().parent / "data" / "plan_2026_2030.yaml"
LANGUAGES = ("fi", "sv", "en")

# Readings come when their source is collected: surveys yearly, statistics quarterly, and the
# staff's own assessments before the council's twice-yearly reviews.
FREQUENCY_BY_COLLECTION = {
    "stakeholder_survey": "year",
    "internal_survey": "year",
    "usage_statistics": "quarter",
    "staff_assessment": "half",
}
ORDINAL_UNITS = {
    "yes_partial_no": {
        "fi": "kyllä / osittain / ei",
        "sv": "ja / delvis / nej",
        "en": "yes / partially / no",
    },
    "deliverable": {
        "fi": "valmis / kesken / ei",
        "sv": "klar / pågår / nej",
        "en": "done / in progress / no",
    },
}
ORDINAL_TARGET_TEXT = {
    "yes_partial_no": {"fi": "kyllä", "sv": "ja", "en": "yes"},
    "deliverable": {"fi": "valmis", "sv": "klar", "en": "done"},
}
GRADE_UNIT = {"fi": "arvosana 1–5", "sv": "vitsord 1–5", "en": "grade 1–5"}
GRADE_TARGET_TEXT = {"fi": "arvosana 4", "sv": "vitsord 4", "en": "grade 4"}
PARTIAL_TEXT = {"fi": "osittain", "sv": "delvis", "en": "partially"}
INTERIM_GRADE_TEXT = {"fi": "arvosana 3,5", "sv": "vitsord 3,5", "en": "grade 3.5"}
INTERIM_YEAR = 2028


@dataclass
class ImportResult:
    goals: int = 0
    measures: int = 0
    indicators: int = 0
    changed: int = 0


def first_due(frequency: str, after: datetime.date) -> datetime.date:
    """The end of the first period of this frequency that ends after `after`, plus a month."""
    number = 1
    spec = Period.named(after.year, frequency, number)
    while spec.end <= after:
        number += 1
        if number > {"quarter": 4, "half": 2, "year": 1}[frequency]:
            spec = Period.named(spec.year + 1, frequency, 1)
            number = 1
        else:
            spec = Period.named(spec.year, frequency, number)
    return spec.end + datetime.timedelta(days=30)


def _texts(prefix: str, texts: dict | None) -> dict:
    texts = texts or {}
    return {f"{prefix}_{lang}": (texts.get(lang) or "").strip() for lang in LANGUAGES}


class _Loader:
    def __init__(self, get_model):
        self.get_model = get_model
        self.result = ImportResult()

    def upsert(self, model_name: str, lookup: dict, values: dict, create_only: dict | None = None):
        model = self.get_model("actionplan", model_name)
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values, **(create_only or {}))
            self.result.changed += 1
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.result.changed += 1
        return obj

    def load(self, data: dict) -> ImportResult:
        meta = data["plan"]
        plan = self.upsert(
            "Plan",
            {"code": meta["code"]},
            {
                **_texts("title", meta["title"]),
                **_texts("approved_by", meta.get("approved_by")),
                "first_year": meta["first_year"],
                "last_year": meta["last_year"],
                "approved_on": meta.get("approved_on"),
                "goals_approved_on": meta.get("goals_approved_on"),
            },
        )
        strategic = {
            row["code"]: self.upsert(
                "StrategicGoal", {"plan": plan, "code": row["code"]}, _texts("title", row["title"])
            )
            for row in data["strategic_goals"]
        }
        for goal_row in data["goals"]:
            goal = self.upsert(
                "PlanGoal",
                {"plan": plan, "code": goal_row["code"]},
                {
                    "strategic_goal": strategic[goal_row["strategic_goal"]],
                    **_texts("title", goal_row["title"]),
                    **_texts("strategy_indicator", goal_row.get("strategy_indicator")),
                },
            )
            self.result.goals += 1
            for order, measure_row in enumerate(goal_row["measures"], start=1):
                self.load_measure(plan, goal, order, measure_row)
        return self.result

    def load_measure(self, plan, goal, order: int, row: dict) -> None:
        measure = self.upsert(
            "Measure",
            {"goal": goal, "code": row["code"]},
            {
                "order": order,
                **_texts("title", row["title"]),
                **_texts("baseline", row.get("baseline")),
                **_texts("target", row.get("target")),
                "responsible_party": row.get("responsible", "hyte_team"),
                "responsible_name": row.get("responsible_name", ""),
            },
        )
        self.result.measures += 1
        sub_actions = row.get("sub_actions") or []
        for index, texts in enumerate(sub_actions, start=1):
            self.upsert("SubAction", {"measure": measure, "order": index}, _texts("text", texts))
        extra = self.get_model("actionplan", "SubAction").objects.filter(
            measure=measure, order__gt=len(sub_actions)
        )
        if extra.exists():
            extra.delete()
            self.result.changed += 1
        for index, indicator_row in enumerate(row.get("indicators") or [], start=1):
            self.load_indicator(plan, measure, index, indicator_row)

    def load_indicator(self, plan, measure, order: int, row: dict) -> None:
        kind = row["kind"]
        collection = row["collection"]
        frequency = row.get("frequency") or FREQUENCY_BY_COLLECTION[collection]
        unit = row.get("unit") or ORDINAL_UNITS.get(kind) or (GRADE_UNIT if kind == "grade" else {})
        if kind == "percentage" and not row.get("unit"):
            unit = {"fi": "%", "sv": "%", "en": "%"}
        source = row.get("baseline_source") or {}
        baseline = row.get("baseline_value")
        values = {
            "measure": measure,
            "order": order,
            **_texts("name", row["name"]),
            "kind": kind,
            **_texts("unit", unit),
            "direction": row.get("direction", "higher"),
            "scale_min": Decimal(1) if kind == "grade" else None,
            "scale_max": Decimal(5) if kind == "grade" else None,
            "baseline_value": None if baseline is None else Decimal(str(baseline)),
            "baseline_year": row.get("baseline_year"),
            "baseline_source": source.get("fi", ""),
            "collection": collection,
            "frequency": frequency,
        }
        indicator = self.upsert(
            "Indicator",
            {"code": row["code"]},
            values,
            create_only={"next_reading_due": first_due(frequency, plan.approved_on or datetime.date.today())},
        )
        self.result.indicators += 1
        for year, value, texts, interim in self.targets_for(plan, kind, row):
            self.upsert(
                "IndicatorTarget",
                {"indicator": indicator, "year": year},
                {"value": value, **_texts("text", texts), "is_interim": interim},
            )

    @staticmethod
    def targets_for(plan, kind: str, row: dict):
        """The 2030 target as the plan writes it, and an interim target where the scale allows one."""
        final = plan.last_year
        if kind in ORDINAL_TARGET_TEXT:
            yield INTERIM_YEAR, Decimal("0.5"), PARTIAL_TEXT, True
            yield final, Decimal(1), ORDINAL_TARGET_TEXT[kind], False
        elif kind == "grade":
            yield INTERIM_YEAR, Decimal("3.5"), INTERIM_GRADE_TEXT, True
            yield final, Decimal(4), row.get("target_text") or GRADE_TARGET_TEXT, False
        elif row.get("target_value") is not None:
            yield final, Decimal(str(row["target_value"])), row.get("grows") or {}, False
        else:
            # Counts that the plan only asks to grow from their 2026 level.
            yield final, None, row.get("grows") or {}, False


def read_plan_file(path: Path | str = PLAN_FILE) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def import_plan(get_model, path: Path | str = PLAN_FILE) -> ImportResult:
    """Load or update the plan from a YAML file; returns counts and how many rows changed."""
    return _Loader(get_model).load(read_plan_file(path))
