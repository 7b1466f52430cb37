"""Counts shown to people, with the locale's digit grouping ("3 018" in Finnish and Swedish).

Grouping is asked for here rather than with USE_THOUSAND_SEPARATOR, which would also group every
other number the templates print, years among them ("2 026").
"""

from decimal import Decimal

from django.utils.formats import number_format


def grouped(value: object) -> object:
    """`value` written with the active locale's thousand separator; anything not a number (None,
    an empty value) is given back unchanged for the template to show as it would."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return number_format(value, use_l10n=True, force_grouping=True)
