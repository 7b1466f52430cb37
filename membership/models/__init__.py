"""The ground floor's models, one module per concept; every name is importable from here."""

from .calls import (
    CallSeatRule,
    MunicipalityQuota,
    Nomination,
    NominationCall,
)
from .core import (
    AccessibilityFeedback,
    ActivityLanguage,
    CouncilMembership,
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
    TranslatedNameMixin,
    User,
    UserManager,
)
from .kernel import Submission

__all__ = [
    "Submission",
    "AccessibilityFeedback",
    "ActivityLanguage",
    "CallSeatRule",
    "CouncilMembership",
    "Invitation",
    "Municipality",
    "MunicipalityQuota",
    "Nomination",
    "NominationCall",
    "Organisation",
    "OrganisationContact",
    "PrhMainClass",
    "Role",
    "RoleAssignment",
    "SeatCategory",
    "SitePage",
    "TargetGroup",
    "TranslatedNameMixin",
    "User",
    "UserManager",
]
