"""The searches behind the grants forms' comboboxes (membership/combobox.py)."""

from __future__ import annotations

from membership.combobox import Search
from membership.models import Organisation
from membership.roles import STAFF_ONLY

# The grant form is the HYTE team's: any registered organisation may have been granted.
ORGANISATIONS = Search(
    url_name="grants:organisation_search",
    rule=STAFF_ONLY,
    queryset=lambda request: Organisation.objects.all(),
    fields=("name_fi", "name_sv", "business_id"),
    order_by=("name_fi", "pk"),
)
