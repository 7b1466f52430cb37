from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import associationid, ytunnus


def validate_business_id(value: str) -> None:
    try:
        ytunnus.validate(value)
    except InvalidChecksum as exc:
        # The form was right: say what is wrong and where the right one is found.
        raise ValidationError(
            _(
                "%(value)s is not a valid business ID: its last digit (the check digit) does not match "
                "the seven before it. Check the ID at ytj.fi."
            ),
            code="invalid_business_id",
            params={"value": value},
        ) from exc
    except StdnumError as exc:
        raise ValidationError(
            _(
                "%(value)s is not a business ID. A business ID has seven digits, a hyphen and a check "
                "digit, for example 1234567-1."
            ),
            code="invalid_business_id",
            params={"value": value},
        ) from exc


def normalise_business_id(value: str) -> str:
    """The canonical form 1234567-1, so that a duplicate is found however it was typed."""
    try:
        return ytunnus.format(ytunnus.compact(value))
    except StdnumError:
        return value.strip()


def validate_association_number(value: str) -> None:
    if not value:
        return
    try:
        associationid.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("%(value)s is not a valid association register number, for example 123.456."),
            code="invalid_association_number",
            params={"value": value},
        ) from exc
