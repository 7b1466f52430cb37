"""Personal data of nominations: export on request, erasure when the call's retention ends."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..kernel import versions
from ..models import CouncilMembership, Nomination

PERSONAL_FIELDS = [
    "representative_name",
    "representative_email",
    "representative_phone",
    "representative_role",
    "deputy_name",
    "deputy_email",
    "deputy_phone",
    "deputy_role",
    "motivation",
    "expertise",
    "networks",
    "languages",
    "score_comment",
]
ERASED = "–"


def export_personal_data(email: str) -> dict:
    """Everything the portal holds on a person as a nominee or seat holder, as JSON-ready data."""
    email = email.strip().lower()
    nominations = (
        Nomination.objects.filter(Q(representative_email__iexact=email) | Q(deputy_email__iexact=email))
        .select_related("call", "organisation", "seat_category")
        .order_by("created_at")
    )
    memberships = CouncilMembership.objects.filter(email__iexact=email).select_related("organisation")
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "nominations": [
            {
                "call": n.call.title_fi,
                "organisation": n.organisation.name_fi,
                "category": n.seat_category.name_fi,
                "status": n.status,
                "as": "representative" if n.representative_email.lower() == email else "deputy",
                "submitted_at": n.submitted_at.isoformat() if n.submitted_at else None,
                **{name: getattr(n, name) for name in PERSONAL_FIELDS},
                "representative_capacity": n.representative_capacity,
                "deputy_capacity": n.deputy_capacity,
                "attachment": n.attachment.name if n.attachment else None,
            }
            for n in nominations
        ],
        "council_memberships": [
            {
                "name": m.full_name,
                "organisation": m.organisation.name_fi if m.organisation else None,
                "position": m.position,
                "starts_on": m.starts_on.isoformat(),
                "ends_on": m.last_day.isoformat(),
            }
            for m in memberships
        ],
    }


@transaction.atomic
def anonymise_expired_nominations(today: datetime.date | None = None) -> int:
    """Erase the personal data of nominations whose call's retention period has ended.

    The council's own seat list (a public record of the board's decision) stays. History rows
    would keep the old values, so they are deleted for these nominations.
    """
    today = today or timezone.localdate()
    expired = list(
        Nomination.objects.filter(call__retention_until__lt=today, anonymised_at__isnull=True).only(
            "pk", "attachment"
        )
    )
    for nomination in expired:
        if nomination.attachment:
            nomination.attachment.delete(save=False)
    ids = [n.pk for n in expired]
    erased = dict.fromkeys(PERSONAL_FIELDS, "")
    erased.update(representative_name=ERASED, representative_email="", representative_role=ERASED)
    Nomination.objects.filter(pk__in=ids).update(**erased, attachment="", anonymised_at=timezone.now())
    versions.changed(*versions.topics_of(Nomination))  # the UPDATE sent no signal
    Nomination.history.filter(id__in=ids).delete()
    return len(ids)
