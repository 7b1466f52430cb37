from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AccessibilityFeedback,
    ActivityLanguage,
    Invitation,
    Municipality,
    Organisation,
    OrganisationContact,
    PrhMainClass,
    Role,
    RoleAssignment,
    SeatCategory,
    SitePage,
    TargetGroup,
    User,
)
from .roles import has_role


def _administrators_only(request) -> bool:
    # Asked on every request: a role that lapsed on its end date closes the admin the same day.
    return request.user.is_active and request.user.is_staff and has_role(request.user, Role.ADMIN)


admin.site.has_permission = _administrators_only


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    # A select of every seat ever held would make each user's page heavy.
    raw_id_fields = ["council_membership"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal", {"fields": ["first_name", "last_name", "phone", "preferred_language"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class ContactInline(admin.TabularInline):
    model = OrganisationContact
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name_fi", "business_id", "prh_class", "seat_category", "is_volunteer_run"]
    list_filter = ["prh_class", "seat_category", "municipalities", "is_volunteer_run"]
    search_fields = ["name_fi", "name_sv", "business_id"]
    inlines = [ContactInline]


for model in (PrhMainClass, SeatCategory, Municipality, TargetGroup, ActivityLanguage):
    admin.site.register(model)

admin.site.register(SitePage, SimpleHistoryAdmin)
admin.site.register(RoleAssignment, SimpleHistoryAdmin)
admin.site.register(Invitation)
admin.site.register(AccessibilityFeedback)


# Nomination calls: staff use the portal's own pages; the admin is for corrections.
from .models import CallSeatRule, MunicipalityQuota, Nomination, NominationCall  # noqa: E402


class CallSeatRuleInline(admin.TabularInline):
    model = CallSeatRule
    extra = 0


class MunicipalityQuotaInline(admin.TabularInline):
    model = MunicipalityQuota
    extra = 0


@admin.register(NominationCall)
class NominationCallAdmin(SimpleHistoryAdmin):
    list_display = ["title_fi", "status", "opens_at", "closes_at", "term_starts_on"]
    inlines = [CallSeatRuleInline, MunicipalityQuotaInline]


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "call", "seat_category", "status", "in_proposal"]
    list_filter = ["call", "status", "seat_category"]
    search_fields = ["organisation__name_fi", "representative_name", "deputy_name"]
    raw_id_fields = ["organisation", "deputy_organisation", "created_by"]
