"""The searches behind the nomination form's comboboxes (membership/combobox.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..combobox import Search
from ..roles import SIGNED_IN, is_staff
from .permissions import calls_visible_to, deputy_organisations, nominating_organisations


def _call_deputies(request, pk: int):
    """What the call's nomination form may offer: only to those who may fill in or edit one."""
    call = get_object_or_404(calls_visible_to(request.user), pk=pk)
    if not (is_staff(request.user) or nominating_organisations(request.user).exists()):
        raise PermissionDenied
    return deputy_organisations(call.seat_rules.values("seat_category_id"))


DEPUTY_ORGANISATIONS = Search(
    url_name="membership:call_organisation_search",
    rule=SIGNED_IN,
    queryset=_call_deputies,
    fields=("name_fi", "name_sv", "business_id"),
    order_by=("name_fi", "pk"),
    # The nomination's category: a personal deputy comes from an organisation of the same category.
    depends_on={"seat_category": "seat_category_id"},
)
