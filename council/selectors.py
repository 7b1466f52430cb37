"""Read-side queries shared by pages, PDFs and the dashboard, each with a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from actionplan.models import Measure

from .models import AgendaItem, Attachment, Meeting, ReviewComment


def meeting_items(meeting: Meeting, public: bool, with_comments: bool) -> list[AgendaItem]:
    """The items in order with their attachments; a public reader gets no files of non-public items."""
    queryset = meeting.items.order_by("position").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at")),
        Prefetch("measures", queryset=Measure.objects.select_related("goal")),
    )
    if with_comments:
        queryset = queryset.prefetch_related(
            Prefetch("comments", queryset=ReviewComment.objects.select_related("author"))
        )
    items = list(queryset)
    if public:
        for item in items:
            if not item.is_public:
                item.withheld = True
    return items


def meetings_with_counts(queryset):
    return queryset.select_related("body").annotate(
        item_count=Count("items", distinct=True),
        open_proposals=Count("proposals", filter=Q(proposals__status="open"), distinct=True),
    )
