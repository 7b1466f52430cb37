from django import template

from ..models import Nomination

register = template.Library()


@register.simple_tag
def my_nominations(user):
    """The nominations of the user's organisations, newest calls first, for the "My page" card."""
    if not user.is_authenticated:
        return []
    return list(
        Nomination.objects.filter(organisation__contact_links__user=user)
        .select_related("call", "organisation")
        .order_by("-call__closes_at")[:10]
    )
