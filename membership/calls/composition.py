"""The composition board: the proposal per category and municipality, and the rules it breaks.

`check_composition` is pure (no queries) so that every rule can be tested on plain objects;
`build_composition` loads what it needs in a fixed number of queries, and only the proposal (at
most the seats of the call) in full: the other nominations are counted per category, so that the
cost of the rules does not grow with the nominations.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import Lower, RowNumber
from django.utils.translation import gettext as _

from ..models import (
    CallSeatRule,
    CouncilMembership,
    Municipality,
    MunicipalityQuota,
    Nomination,
    NominationCall,
    Organisation,
)

ERROR = "error"
WARNING = "warning"
# A new term that starts within this many days of the previous one's end continues a run of terms.
CONSECUTIVE_GAP = datetime.timedelta(days=92)
# The data version of what the board shows: nominations, the calls' rules and what they name
# (followed in membership/apps.py; a bulk UPDATE moves it through history.record_update).
TOPIC = "nominations"
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
    # Active nominations in the category, proposed or not: counted, not loaded.
    count: int = 0
    proposed: list[Nomination] = field(default_factory=list)
    issues: list[RuleIssue] = field(default_factory=list)

    @property
    def others(self) -> int:
        """The nominations of the category outside the proposal."""
        return max(0, self.count - len(self.proposed))


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
    nominated_categories: Collection[int] | None = None,
) -> list[RuleIssue]:
    """Every rule of the call that the proposal (nominations with `in_proposal`) breaks.

    `past_terms` maps ("org", organisation id) and ("person", email) to earlier council terms.
    An organisation counts toward its home municipality's quota only (see `home_municipality_id`).
    `nominated_categories` are the categories with any nomination, by default those of
    `nominations`; given, `nominations` need hold only the proposal.
    """
    issues: list[RuleIssue] = []
    past_terms = past_terms or {}
    proposal = [n for n in nominations if n.in_proposal]
    by_category: dict[int, list[Nomination]] = defaultdict(list)
    if nominated_categories is None:
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


# The board's order within a category; the primary key settles equal names, so that pages of a
# category neither repeat nor skip a nomination.
CATEGORY_ORDER = ("organisation__name_fi", "pk")


def active_nominations(call: NominationCall):
    return (
        call.nominations.filter(status__in=ACTIVE_STATUSES)
        .select_related("organisation", "seat_category", "deputy_organisation")
        .prefetch_related(Prefetch("organisation__municipalities", queryset=Municipality.objects.all()))
        .order_by("seat_category__order", *CATEGORY_ORDER)
    )


def category_counts(call: NominationCall) -> dict[int, int]:
    """Active nominations per category, in one query."""
    rows = (
        call.nominations.filter(status__in=ACTIVE_STATUSES)
        .order_by()
        .values_list("seat_category_id")
        .annotate(count=Count("pk"))
    )
    return dict(rows)


# What a board row draws (see _board_category.html): the nomination's texts stay in the database.
ROW_FIELDS = (
    "call_id",
    "seat_category_id",
    "organisation_id",
    "status",
    "in_proposal",
    "representative_name",
    "deputy_name",
    "deputy_organisation_id",
    "score",
    "weighted_score",
    "organisation__name_fi",
    "organisation__name_sv",
    "deputy_organisation__name_fi",
    "deputy_organisation__name_sv",
)


def nominations_drawn(
    call: NominationCall, pages: Mapping[int, int], keep: Mapping[int, int] | None = None
) -> dict[int, list[Nomination]]:
    """Per category of `pages`: its proposal and its first `pages[category]` other nominations.

    `keep` adds one more nomination to a category (category id: nomination id), the row just
    clicked. Each row in the board's order, with the fields it draws (`ROW_FIELDS`) and
    `municipality_names`, in two queries whatever the number of nominations.
    """
    if not pages:
        return {}
    first = (
        call.nominations.filter(status__in=ACTIVE_STATUSES, in_proposal=False, seat_category_id__in=pages)
        .annotate(
            place=Window(RowNumber(), partition_by=F("seat_category_id"), order_by=CATEGORY_ORDER),
            shown=Case(*(When(seat_category_id=c, then=Value(n)) for c, n in pages.items())),
        )
        .filter(place__lte=F("shown"))
        .values("pk")
    )
    wanted = Q(in_proposal=True, seat_category_id__in=pages) | Q(pk__in=first)
    for category_id, pk in (keep or {}).items():
        wanted |= Q(pk=pk, seat_category_id=category_id)
    rows = list(
        call.nominations.filter(wanted, status__in=ACTIVE_STATUSES)
        .select_related("organisation", "deputy_organisation")
        .only(*ROW_FIELDS)
        .order_by(*CATEGORY_ORDER)
    )
    # The organisations' municipalities as text: a prefetch would build a manager per row.
    names: dict[int, list[str]] = defaultdict(list)
    links = Organisation.municipalities.through.objects.filter(
        organisation_id__in={n.organisation_id for n in rows}
    ).select_related("municipality")
    for link in links.order_by("municipality__name_fi"):
        names[link.organisation_id].append(str(link.municipality))
    drawn: dict[int, list[Nomination]] = {category_id: [] for category_id in pages}
    for nomination in rows:
        nomination.municipality_names = ", ".join(names[nomination.organisation_id])
        drawn[nomination.seat_category_id].append(nomination)
    return drawn


def build_composition(call: NominationCall) -> Composition:
    """The rules checked over the proposal and the counts per category.

    Only the proposal and the nominations in categories without seats (drawn as stray) are loaded;
    a view that draws other nominations loads them with `nominations_drawn` (the board: one page of
    each category), so that the cost of the board does not grow with the nominations it does not
    show.
    """
    rules = list(call.seat_rules.select_related("seat_category"))
    quotas = list(call.quotas.select_related("municipality").order_by("municipality__name_fi"))
    rule_categories = {rule.seat_category_id for rule in rules}
    counts = category_counts(call)
    nominations = list(
        active_nominations(call).filter(Q(in_proposal=True) | ~Q(seat_category_id__in=rule_categories))
    )
    proposal = [n for n in nominations if n.in_proposal]
    issues = check_composition(
        call, rules, quotas, nominations, past_terms_for(call, proposal), nominated_categories=counts
    )

    rows = {rule.seat_category_id: CategoryRow(rule, counts.get(rule.seat_category_id, 0)) for rule in rules}
    stray = []
    for nomination in nominations:
        row = rows.get(nomination.seat_category_id)
        if row is None:
            stray.append(nomination)
        else:
            row.proposed.append(nomination)
    for issue in issues:
        if issue.category_id in rows:
            rows[issue.category_id].issues.append(issue)
    municipality_rows = []
    for quota in quotas:
        row = MunicipalityRow(
            quota, sum(1 for n in proposal if quota.municipality_id in _municipality_ids(n))
        )
        row.issues = [i for i in issues if i.municipality_id == quota.municipality_id]
        municipality_rows.append(row)
    return Composition(call, list(rows.values()), municipality_rows, issues, proposal, stray)
