"""Weighted evaluation by criteria, shared by grant applications (grants) and council nominations.

A criterion has a weight and a highest score; a set of scores gives a total as a percentage of the
highest possible. The criteria that were scored are kept with the scores (a grant's evaluation
model version, a call's published criteria), so a total can always be recomputed as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

HUNDRED = Decimal(100)


class EvaluationError(ValueError):
    """A score outside its criterion's range, or weights that do not add up."""


@dataclass(frozen=True)
class Scored:
    score: int
    weight: Decimal
    max_score: int


def plain(value: Decimal) -> str:
    """A weight without trailing zeros or an exponent: 40.00 → "40", 12.50 → "12.5"."""
    return format(Decimal(value).normalize(), "f")


def check_score(value: int, max_score: int) -> None:
    if not 0 <= value <= max_score:
        raise EvaluationError(_("A score may be at most %(max)s.") % {"max": max_score})


def check_weights_total(weights: Iterable[Decimal], total: Decimal = HUNDRED) -> None:
    """Published weights, in percent, must add up to the whole."""
    given = sum((Decimal(w) for w in weights), Decimal(0))
    if given != total:
        raise EvaluationError(
            _("The weights must add up to %(total)s %%; now they add up to %(given)s %%.")
            % {"total": plain(total), "given": plain(given)}
        )


def weighted_percentage(got: Decimal | None, best: Decimal | None) -> Decimal | None:
    """The total as a percentage of the highest possible, to one decimal."""
    if not best:
        return None
    return (Decimal(got or 0) * HUNDRED / Decimal(best)).quantize(Decimal("0.1"))


def total_of(scores: Iterable[Scored]) -> Decimal | None:
    scores = list(scores)
    got = sum((s.score * Decimal(s.weight) for s in scores), Decimal(0))
    best = sum((s.max_score * Decimal(s.weight) for s in scores), Decimal(0))
    return weighted_percentage(got, best)
