"""Who sees what of the action plan: the public sees what the council has published."""

from membership.models import Role
from membership.roles import has_role


def sees_unpublished(user) -> bool:
    """Staff, council members and board members follow every period, published or not."""
    return has_role(user, Role.STAFF, Role.MEMBER, Role.BOARD)
