"""The composition board: the proposal per category and municipality, and the rules it breaks.

`check_composition` is pure (no queries) so that every rule can be tested on plain objects;
`build_composition` loads what it needs in a fixed number of queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from ..models import (
    CallSeatRule,
    CouncilMembership,
    Municipality,
    MunicipalityQuota,
    Nomination,
    NominationCall,
)

ERROR = "error"
WARNING = "warning"
# A new term that starts within this many days of the previous one's end continues a run of terms.
CONSECUTIVE_GAP = datetime.timedelta(days=92)
ACTIVE_STATUSES = (Nomination.Status.SUBMITTED, Nomination.Status.SELECTED, Nomination.Status.NOT_SELECTED)


@dataclass(frozen=True)
class RuleIssue:
    rule: str
    message: str
    severity: str = ERROR
    category_id: int | None = None
    municipality_id: int | None = None
    nomination_id: int | None = None

    @property
    def key(self) -> str:
        """Names this instance of the rule, so that the board's reason for it can be matched."""
        parts = (self.category_id, self.municipality_id, self.nomination_id)
        return ":".join([self.rule, *("" if p is None else str(p) for p in parts)])


@dataclass
class CategoryRow:
    rule: CallSeatRule
    nominations: list[Nomination] = field(default_factory=list)
    issues: list[RuleIssue] = field(default_factory=list)

    @property
    def proposed(self) -> list[Nomination]:
        return [n for n in self.nominations if n.in_proposal]


@dataclass
class MunicipalityRow:
    quota: MunicipalityQuota
    proposed: int = 0
    issues: list[RuleIssue] = field(default_factory=list)


@dataclass
class Composition:
    call: NominationCall
    categories: list[CategoryRow]
    municipalities: list[MunicipalityRow]
    issues: list[RuleIssue]
    proposal: list[Nomination]
    stray: list[Nomination] = field(default_factory=list)

    @property
    def errors(self) -> list[RuleIssue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[RuleIssue]:
        return [i for i in self.issues if i.severity == WARNING]


def consecutive_terms(starts_on: datetime.date, terms: Iterable[tuple[datetime.date, datetime.date]]) -> int:
    """How many terms in a row end just before `starts_on` (the run the new term would extend)."""
    count = 0
    cursor = starts_on
    for term_start, term_end in sorted(set(terms), key=lambda t: t[1], reverse=True):
        if term_start < cursor and cursor - CONSECUTIVE_GAP <= term_end < cursor + datetime.timedelta(days=1):
            count += 1
            cursor = term_start
    return count


def home_municipality_id(organisation) -> int | None:
    """The one municipality an organisation counts toward: its chosen home, or its only municipality."""
    if organisation.home_municipality_id:
        return organisation.home_municipality_id
    municipalities = list(organisation.municipalities.all())
    return municipalities[0].pk if len(municipalities) == 1 else None


def _municipality_ids(nomination: Nomination) -> set[int]:
    home = home_municipality_id(nomination.organisation)
    return set() if home is None else {home}


def check_composition(
    call: NominationCall,
    rules: Sequence[CallSeatRule],
    quotas: Sequence[MunicipalityQuota],
    nominations: Sequence[Nomination],
    past_terms: dict[tuple[str, object], list[tuple[datetime.date, datetime.date]]] | None = None,
) -> list[RuleIssue]:
    """Every rule of the call that the proposal (nominations with `in_proposal`) breaks.

    `past_terms` maps ("org", organisation id) and ("person", email) to earlier council terms.
    An organisation counts toward its home municipality's quota only (see `home_municipality_id`).
    """
    issues: list[RuleIssue] = []
    past_terms = past_terms or {}
    proposal = [n for n in nominations if n.in_proposal]
    by_category: dict[int, list[Nomination]] = defaultdict(list)
    nominated_categories = {n.seat_category_id for n in nominations}
    for nomination in proposal:
        by_category[nomination.seat_category_id].append(nomination)
    rule_categories = {r.seat_category_id for r in rules}

    for rule in rules:
        category = rule.seat_category
        count = len(by_category.get(rule.seat_category_id, []))
        params = {"category": category, "count": count, "min": rule.min_seats, "max": rule.max_seats}
        if rule.seat_category_id not in nominated_categories:
            issues.append(
                RuleIssue(
                    "empty_category",
                    _("%(category)s: no nominations.") % params,
                    WARNING,
                    category_id=rule.seat_category_id,
                )
            )
        if count < rule.min_seats:
            issues.append(
                RuleIssue(
                    "category_min",
                    _("%(category)s: %(count)s proposed, at least %(min)s needed.") % params,
                    category_id=rule.seat_category_id,
                )
            )
        elif count > rule.max_seats:
            issues.append(
                RuleIssue(
                    "category_max",
                    _("%(category)s: %(count)s proposed, at most %(max)s allowed.") % params,
                    category_id=rule.seat_category_id,
                )
            )

    for nomination in proposal:
        if nomination.seat_category_id not in rule_categories:
            issues.append(
                RuleIssue(
                    "category_not_in_call",
                    _("%(organisation)s applies in %(category)s, which has no seats in this call.")
                    % {"organisation": nomination.organisation, "category": nomination.seat_category},
                    category_id=nomination.seat_category_id,
                    nomination_id=nomination.pk,
                )
            )

    if call.total_seats is not None and len(proposal) != call.total_seats:
        issues.append(
            RuleIssue(
                "total",
                _("%(count)s seats proposed; the call has %(total)s seats in all.")
                % {"count": len(proposal), "total": call.total_seats},
            )
        )

    if quotas:
        for nomination in proposal:
            if home_municipality_id(nomination.organisation) is None:
                issues.append(
                    RuleIssue(
                        "no_home_municipality",
                        _("%(organisation)s has no home municipality and counts toward no quota.")
                        % {"organisation": nomination.organisation},
                        WARNING,
                        nomination_id=nomination.pk,
                    )
                )
    for quota in quotas:
        count = sum(1 for n in proposal if quota.municipality_id in _municipality_ids(n))
        params = {
            "municipality": quota.municipality,
            "count": count,
            "min": quota.min_seats,
            "max": quota.max_seats,
        }
        if quota.kind == MunicipalityQuota.Kind.EXACT:
            if count != quota.seats:
                issues.append(
                    RuleIssue(
                        "quota_exact",
                        _("%(municipality)s: %(count)s proposed, exactly %(max)s needed.") % params,
                        municipality_id=quota.municipality_id,
                    )
                )
        elif count < quota.min_seats:
            issues.append(
                RuleIssue(
                    "quota_min",
                    _("%(municipality)s: %(count)s proposed, at least %(min)s needed.") % params,
                    municipality_id=quota.municipality_id,
                )
            )
        elif quota.max_seats is not None and count > quota.max_seats:
            issues.append(
                RuleIssue(
                    "quota_max",
                    _("%(municipality)s: %(count)s proposed, at most %(max)s allowed.") % params,
                    municipality_id=quota.municipality_id,
                )
            )

    if call.personal_deputies:
        for nomination in proposal:
            params = {"organisation": nomination.organisation}
            if not nomination.deputy_name:
                issues.append(
                    RuleIssue(
                        "deputy_missing",
                        _("%(organisation)s: the nomination has no deputy.") % params,
                        nomination_id=nomination.pk,
                    )
                )
            elif (
                nomination.deputy_organisation is not None
                and nomination.deputy_organisation.seat_category_id != nomination.seat_category_id
            ):
                params["deputy_organisation"] = nomination.deputy_organisation
                issues.append(
                    RuleIssue(
                        "deputy_category",
                        _(
                            "%(organisation)s: the deputy's organisation %(deputy_organisation)s "
                            "is of another category."
                        )
                        % params,
                        nomination_id=nomination.pk,
                    )
                )

    if call.max_consecutive_terms:
        limit = call.max_consecutive_terms
        for nomination in proposal:
            keys = [("org", nomination.organisation_id, str(nomination.organisation))]
            for email, name in (
                (nomination.representative_email, nomination.representative_name),
                (nomination.deputy_email, nomination.deputy_name),
            ):
                if email:
                    keys.append(("person", email.lower(), name))
            for kind, key, label in keys:
                served = consecutive_terms(call.term_starts_on, past_terms.get((kind, key), []))
                if served >= limit:
                    issues.append(
                        RuleIssue(
                            "term_limit",
                            _(
                                "%(name)s has already served %(count)s consecutive terms; "
                                "the limit is %(limit)s."
                            )
                            % {"name": label, "count": served, "limit": limit},
                            nomination_id=nomination.pk,
                        )
                    )
    return issues


def past_terms_for(call: NominationCall, nominations: Sequence[Nomination]) -> dict:
    """Earlier council terms of the proposed organisations and people, in one query."""
    proposal = [n for n in nominations if n.in_proposal]
    if not proposal or not call.max_consecutive_terms:
        return {}
    organisation_ids = {n.organisation_id for n in proposal}
    emails = {e.lower() for n in proposal for e in (n.representative_email, n.deputy_email) if e}
    rows = (
        CouncilMembership.objects.annotate(email_lower=Lower("email"))
        .filter(
            Q(organisation_id__in=organisation_ids) | Q(email_lower__in=emails),
            starts_on__lt=call.term_starts_on,
            position__in=[CouncilMembership.Position.MEMBER, CouncilMembership.Position.DEPUTY],
        )
        .exclude(nomination__call=call)
        .values_list("organisation_id", "email", "starts_on", "ends_on")
    )
    terms: dict = defaultdict(list)
    for organisation_id, email, starts_on, ends_on in rows:
        if organisation_id in organisation_ids:
            terms[("org", organisation_id)].append((starts_on, ends_on))
        if email and email.lower() in emails:
            terms[("person", email.lower())].append((starts_on, ends_on))
    return terms


def active_nominations(call: NominationCall):
    return (
        call.nominations.filter(status__in=ACTIVE_STATUSES)
        .select_related("organisation", "seat_category", "deputy_organisation")
        .prefetch_related(Prefetch("organisation__municipalities", queryset=Municipality.objects.all()))
        .order_by("seat_category__order", "organisation__name_fi")
    )


def _outlines(call: NominationCall):
    # Enough for the rules on a nomination outside the proposal: its category and its state.
    return (
        call.nominations.filter(status__in=ACTIVE_STATUSES)
        .only("pk", "call_id", "organisation_id", "seat_category_id", "status", "in_proposal")
        .order_by("seat_category__order", "organisation__name_fi")
    )


def in_full(call: NominationCall, nominations: Sequence[Nomination], which=None) -> list[Nomination]:
    """`nominations` in order, each outline (see `_outlines`) that `which` picks loaded in full.

    Two queries whatever the count; none when every nomination asked for is loaded already.
    """
    wanted = [n.pk for n in nominations if n.get_deferred_fields() and (which is None or which(n))]
    if not wanted:
        return list(nominations)
    full = {n.pk: n for n in active_nominations(call).filter(pk__in=wanted)}
    return [full.get(n.pk, n) for n in nominations]


def build_composition(call: NominationCall) -> Composition:
    """Every nomination, for the rules; only the proposal and stray ones are loaded in full.

    A view that draws other nominations loads those with `in_full` (the board: one page of each
    category), so that the cost of the board does not grow with the nominations it does not show.
    """
    rules = list(call.seat_rules.select_related("seat_category"))
    quotas = list(call.quotas.select_related("municipality").order_by("municipality__name_fi"))
    rule_categories = {rule.seat_category_id for rule in rules}
    nominations = in_full(
        call, list(_outlines(call)), lambda n: n.in_proposal or n.seat_category_id not in rule_categories
    )
    issues = check_composition(call, rules, quotas, nominations, past_terms_for(call, nominations))

    rows = {rule.seat_category_id: CategoryRow(rule) for rule in rules}
    stray = []
    for nomination in nominations:
        row = rows.get(nomination.seat_category_id)
        if row is None:
            stray.append(nomination)
        else:
            row.nominations.append(nomination)
    for issue in issues:
        if issue.category_id in rows:
            rows[issue.category_id].issues.append(issue)
    proposal = [n for n in nominations if n.in_proposal]
    municipality_rows = []
    for quota in quotas:
        row = MunicipalityRow(
            quota, sum(1 for n in proposal if quota.municipality_id in _municipality_ids(n))
        )
        row.issues = [i for i in issues if i.municipality_id == quota.municipality_id]
        municipality_rows.append(row)
    return Composition(call, list(rows.values()), municipality_rows, issues, proposal, stray)
