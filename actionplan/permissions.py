"""Who sees what of the action plan: the public sees what the HYTE team has published."""

from membership.models import Role
from membership.roles import has_role


def sees_unpublished(user) -> bool:
    """Only the HYTE staff, who enter readings and publish periods, see drafts: council and board
    members quote the plan's figures in public, so they see what the public sees."""
    return has_role(user, Role.STAFF)
