from django.utils.functional import SimpleLazyObject

from .models import OrganisationContact, Role
from .roles import roles_of


def portal(request):
    user_roles = roles_of(request.user)
    return {
        "user_roles": user_roles,
        "is_staff_user": Role.STAFF in user_roles,
        "is_ngo_contact": Role.NGO_CONTACT in user_roles,
        "is_member": Role.MEMBER in user_roles,
        "is_board_member": Role.BOARD in user_roles,
        "is_admin_user": Role.ADMIN in user_roles,
        # The organisations the user is a contact person of, read only where a page uses them
        # (the main menu's link for a contact person).
        "own_organisation_ids": SimpleLazyObject(lambda: _own_organisation_ids(request.user)),
    }


def _own_organisation_ids(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(OrganisationContact.objects.filter(user=user).values_list("organisation_id", flat=True))
