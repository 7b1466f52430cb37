from .models import Role
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
    }
