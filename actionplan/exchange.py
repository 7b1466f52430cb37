"""Readings in and out as CSV and XLSX: the Targetor export and the bulk upload share one layout.

One row per indicator per period, with goal and measure codes. The upload reads the columns
`period`, `indicator`, `value`, `evidence`, `evidence_url` and `correction_reason`; the others are
for the reader (and Targetor) and are ignored on the way in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from membership.exports import Export
from membership.kernel import spreadsheets
from membership.kernel.periods import Period, PeriodError
from membership.kernel.spreadsheets import Column
from membership.models import User
from membership.roles import is_staff

from .models import Indicator, MeasureStatus, Plan, Reading, ReportingPeriod
from .progress import current_plan, display_value
from .services import PlanError, check_period_in_plan, ensure_period, parse_value, record_reading

COLUMNS = [
    "period",
    "goal",
    "measure",
    "indicator",
    "indicator_name",
    "kind",
    "unit",
    "baseline",
    "target",
    "target_year",
    "value",
    "value_text",
    "evidence",
    "evidence_url",
    "correction_reason",
    "measure_status",
    "status_assessment",
    "recorded_by",
    "recorded_at",
]
REQUIRED = ("period", "indicator", "value")
MAX_ROWS = 2000


def _number(value: Decimal | None):
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def export_rows(period: ReportingPeriod) -> list[dict]:
    """Every indicator of the plan for one period, with its reading and its measure's status."""
    indicators = (
        Indicator.objects.filter(measure__goal__plan_id=period.plan_id)
        .select_related("measure__goal")
        .prefetch_related("targets")
    )
    readings = {
        r.indicator_id: r for r in Reading.objects.filter(period=period).select_related("recorded_by")
    }
    statuses = {s.measure_id: s for s in MeasureStatus.objects.filter(period=period)}
    rows = []
    for indicator in indicators:
        reading = readings.get(indicator.pk)
        status = statuses.get(indicator.measure_id)
        targets = [t for t in indicator.targets.all() if not t.is_interim]
        target = targets[-1] if targets else None
        rows.append(
            {
                "period": period.code,
                "goal": indicator.measure.goal.code,
                "measure": indicator.measure.code,
                "indicator": indicator.code,
                "indicator_name": indicator.name,
                "kind": indicator.kind,
                "unit": indicator.unit,
                "baseline": _number(indicator.baseline_value),
                "target": _number(target.value)
                if target and target.value is not None
                else (target.text if target else ""),
                "target_year": target.year if target else "",
                "value": _number(reading.value) if reading else "",
                "value_text": display_value(indicator, reading.value) if reading else "",
                "evidence": reading.evidence if reading else "",
                "evidence_url": reading.evidence_url if reading else "",
                "correction_reason": "",
                "measure_status": status.status if status else "",
                "status_assessment": status.assessment if status else "",
                "recorded_by": (reading.recorded_by.email if reading and reading.recorded_by else ""),
                "recorded_at": reading.updated_at.strftime("%Y-%m-%d %H:%M") if reading else "",
            }
        )
    return rows


def _columns() -> list[Column]:
    return [
        Column(name, width=12 if name in ("period", "goal", "measure", "indicator") else 20)
        for name in COLUMNS
    ]


def _table(period: ReportingPeriod) -> list[list]:
    return [[row[column] for column in COLUMNS] for row in export_rows(period)]


def export(user, params: dict) -> Export:
    """The export registered as "readings" (membership/exports.py): one period, for staff."""
    if not is_staff(user):
        raise PermissionDenied
    period = ReportingPeriod.objects.get(plan=current_plan(), code=params["period"][0])
    table = _table(period)
    return Export(_columns(), table, len(table), period.code, f"toimintasuunnitelma-{period.code}")


def export_csv(period: ReportingPeriod) -> bytes:
    """Semicolon-separated UTF-8 with a byte order mark, as Finnish Excel opens it."""
    return spreadsheets.write_csv(_columns(), _table(period))


def export_xlsx(period: ReportingPeriod) -> bytes:
    return spreadsheets.write_xlsx(_columns(), _table(period), title=period.code)


def read_table(uploaded) -> list[dict]:
    """Rows of an uploaded CSV or XLSX file as dicts of text; PlanError when it cannot be read."""
    if uploaded.size > settings.MAX_UPLOAD_SIZE:
        raise PlanError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": settings.MAX_UPLOAD_SIZE // 2**20}
        )
    try:
        header, rows = spreadsheets.read_dicts(uploaded.read(), max_rows=MAX_ROWS + 1)
    except spreadsheets.SpreadsheetError:
        raise PlanError(_("Upload the file as CSV or XLSX in the layout of the export.")) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise PlanError(
            _("The file lacks the columns %(columns)s. Use the layout of the export.")
            % {"columns": ", ".join(missing)}
        )
    if len(rows) > MAX_ROWS:
        raise PlanError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return rows


@dataclass
class RowPreview:
    line: int
    period: str
    indicator_code: str
    raw_value: str
    indicator: Indicator | None = None
    value: Decimal | None = None
    action: str = ""
    problems: list[str] = field(default_factory=list)
    evidence: str = ""
    evidence_url: str = ""
    correction_reason: str = ""

    @property
    def display(self) -> str:
        return display_value(self.indicator, self.value) if self.indicator and self.value is not None else ""

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, ""))

    @property
    def is_valid(self) -> bool:
        return not self.problems and self.action in ("new", "correct")


ACTION_LABELS = {
    "new": gettext_lazy("new reading"),
    "correct": gettext_lazy("correction"),
    "unchanged": gettext_lazy("unchanged"),
    "skip": gettext_lazy("no value, skipped"),
    "error": gettext_lazy("not saved"),
}


def preview_upload(plan: Plan, rows: list[dict]) -> list[RowPreview]:
    """Check every row without saving anything; each row tells what would happen and why not."""
    indicators = {i.code: i for i in Indicator.objects.filter(measure__goal__plan=plan)}
    periods = {p.code: p for p in plan.periods.all()}
    existing = {
        (r.indicator_id, r.period_id): r.value
        for r in Reading.objects.filter(period__plan=plan).only("indicator_id", "period_id", "value")
    }
    seen: set[tuple[str, str]] = set()
    previews = []
    for line, row in enumerate(rows, start=2):
        preview = RowPreview(
            line=line,
            period=str(row.get("period", "")).strip(),
            indicator_code=str(row.get("indicator", "")).strip(),
            raw_value=str(row.get("value", "")).strip(),
            evidence=str(row.get("evidence", ""))[:5000],
            evidence_url=str(row.get("evidence_url", "")).strip()[:200],
            correction_reason=str(row.get("correction_reason", "")).strip()[:300],
        )
        previews.append(preview)
        preview.indicator = indicators.get(preview.indicator_code)
        if preview.evidence_url:
            try:
                URLValidator(schemes=["http", "https"])(preview.evidence_url)
            except ValidationError:
                preview.problems.append(_("The evidence link is not a web address."))
        if preview.indicator is None:
            preview.problems.append(
                _("Unknown indicator code “%(code)s”.") % {"code": preview.indicator_code}
            )
        try:
            spec = Period.parse(preview.period)
            check_period_in_plan(plan, spec)
            preview.period = spec.code
        except (PeriodError, PlanError) as error:
            preview.problems.append(str(error))
            spec = None
        period = periods.get(preview.period) if spec else None
        if period is not None and period.is_closed:
            preview.problems.append(_("The period %(code)s is closed.") % {"code": period.code})
        if preview.problems:
            preview.action = "error"
            continue
        if preview.raw_value == "":
            preview.action = "skip"
            continue
        key = (preview.indicator_code, preview.period)
        if key in seen:
            preview.problems.append(_("The same indicator and period appear twice in the file."))
            preview.action = "error"
            continue
        seen.add(key)
        try:
            preview.value = parse_value(preview.indicator, row.get("value"))
        except PlanError as error:
            preview.problems.append(str(error))
            preview.action = "error"
            continue
        old = existing.get((preview.indicator.pk, period.pk)) if period else None
        if old is None:
            preview.action = "new"
        elif old == preview.value:
            preview.action = "unchanged"
        elif not preview.correction_reason:
            preview.problems.append(
                _("A reading %(old)s already exists: fill in correction_reason to correct it.")
                % {"old": display_value(preview.indicator, old)}
            )
            preview.action = "error"
        else:
            preview.action = "correct"
    return previews


@transaction.atomic
def apply_upload(plan: Plan, rows: list[dict], *, acting_user: User | None) -> int:
    """Save the rows that the preview found valid; checked again, as data may have changed since."""
    saved = 0
    for preview in preview_upload(plan, rows):
        if not preview.is_valid:
            continue
        period = ensure_period(plan, preview.period)
        record_reading(
            preview.indicator,
            period,
            preview.value,
            acting_user=acting_user,
            evidence=preview.evidence,
            evidence_url=preview.evidence_url,
            correction_reason=preview.correction_reason if preview.action == "correct" else "",
        )
        saved += 1
    return saved
