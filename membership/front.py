"""The ground floor's front-page cards: the NGO contact's organisation and calls, the HYTE team's queue.

Each function takes the page's context and adds a fixed number of queries, whatever the data size.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from .mailqueue import failed_deliveries
from .models import Nomination, NominationCall, Organisation, VacantSeat
from .signin.services import current_locks

LIMIT = 5


def ngo_front(page: dict[str, Any]) -> dict[str, Any]:
    user, now = page["user"], timezone.now()
    organisations = Organisation.objects.filter(contact_links__user=user).order_by("name_fi")
    nominations = (
        Nomination.objects.filter(organisation__contact_links__user=user)
        .exclude(status=Nomination.Status.WITHDRAWN)
        .select_related("call", "organisation")
        .order_by("-created_at")
    )
    open_calls = NominationCall.objects.filter(
        status=NominationCall.Status.PUBLISHED, opens_at__lte=now, closes_at__gt=now
    ).order_by("closes_at")
    return {
        "front_organisations": list(organisations[:LIMIT]),
        "front_nominations": list(nominations[:LIMIT]),
        "front_open_calls": list(open_calls[:LIMIT]),
    }


def staff_front(page: dict[str, Any]) -> dict[str, Any]:
    undecided = NominationCall.objects.exclude(status=NominationCall.Status.DECIDED).annotate(
        submitted=Count("nominations", filter=Q(nominations__status=Nomination.Status.SUBMITTED))
    )
    return {
        "front_calls": list(undecided.filter(submitted__gt=0).order_by("closes_at")[:LIMIT]),
        "front_vacant_seats": VacantSeat.objects.filter(filled_at__isnull=True).count(),
        "front_failed_mail": failed_deliveries().count(),
        "front_signin_locks": current_locks().count(),
    }
