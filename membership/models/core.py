"""Organisations, people and roles: the ground floor that every other app stands on."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..kernel.translated import Translated
from ..validators import validate_association_number, validate_business_id


class TranslatedNameMixin(models.Model):
    """Classification data that staff edit in Finnish, Swedish and English."""

    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    name = Translated()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. Email is the identifier; no username, no party affiliation."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def roles(self) -> frozenset[str]:
        from ..roles import roles_of

        return roles_of(self)


class Role(models.TextChoices):
    NGO_CONTACT = "ngo_contact", _("NGO contact person")
    STAFF = "staff", _("HYTE team")
    MEMBER = "member", _("council member")
    BOARD = "board", _("board member")
    ADMIN = "admin", _("administrator")


class RoleAssignment(models.Model):
    """A role given to a person, optionally for a period (a council term, say).

    The NGO contact role is not stored here: it follows from being a contact of an
    organisation.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    # The seat a council member's role came with: it ends when the seat ends early.
    council_membership = models.ForeignKey(
        "CouncilMembership",
        verbose_name=_("council membership"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (
            self.ends_on is None or day <= self.ends_on
        )


class PrhMainClass(TranslatedNameMixin):
    """The main purpose class of PRH's association register, or 'unclassified'."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("PRH main class")
        verbose_name_plural = _("PRH main classes")
        ordering = ["order", "name_fi"]


class SeatCategory(TranslatedNameMixin):
    """A council seat category (an organisation type), such as pensioners' associations."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    prh_class = models.ForeignKey(
        PrhMainClass,
        verbose_name=_("PRH main class"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seat_categories",
    )
    is_multi_sector = models.BooleanField(_("multi-sector organisations"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("seat category")
        verbose_name_plural = _("seat categories")
        ordering = ["order", "name_fi"]

    description = Translated()


class Municipality(TranslatedNameMixin):
    code = models.CharField(_("municipality code"), max_length=3, unique=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_fi"]


class TargetGroup(TranslatedNameMixin):
    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["name_fi"]


class ActivityLanguage(TranslatedNameMixin):
    code = models.CharField(_("language code"), max_length=10, unique=True)

    class Meta:
        verbose_name = _("language of activity")
        verbose_name_plural = _("languages of activity")
        ordering = ["name_fi"]


class Organisation(models.Model):
    """A registered association (ry) that works in Vantaa or Kerava."""

    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        unique=True,
        validators=[validate_business_id],
        help_text=_("Y-tunnus, for example 1234567-8."),
    )
    association_number = models.CharField(
        _("association register number"),
        max_length=20,
        blank=True,
        validators=[validate_association_number],
        help_text=_("The old register number, for example 123.456. Optional."),
    )
    prh_class = models.ForeignKey(
        PrhMainClass, verbose_name=_("PRH main class"), on_delete=models.PROTECT, related_name="organisations"
    )
    seat_category = models.ForeignKey(
        SeatCategory,
        verbose_name=_("council seat category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities where it works"), related_name="organisations"
    )
    # The one municipality the organisation counts toward in a call's quotas, whatever else it covers.
    home_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("home municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The municipality the organisation counts toward in the council's municipality quotas."),
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="organisations"
    )
    languages = models.ManyToManyField(
        ActivityLanguage, verbose_name=_("languages of activity"), blank=True, related_name="organisations"
    )
    is_volunteer_run = models.BooleanField(
        _("run by volunteers only"), default=False, help_text=_("The organisation has no paid staff.")
    )
    website = models.URLField(_("website"), blank=True)
    lahella_url = models.URLField(_("Lähellä.fi page"), blank=True)
    contacts = models.ManyToManyField(
        User, through="OrganisationContact", related_name="organisations", verbose_name=_("contact people")
    )
    created_at = models.DateTimeField(_("registered in the portal"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name

    # A registered name is in Finnish and often Swedish; there is no English column to show.
    name = Translated()


class OrganisationContact(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contact_links")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="contact_links")
    title = models.CharField(_("role in the organisation"), max_length=100, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="unique_org_contact")]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class Invitation(models.Model):
    """An invitation by email: a colleague to an organisation, or a new HYTE staff member."""

    class Kind(models.TextChoices):
        ORG_CONTACT = "org_contact", _("contact person of an organisation")
        ROLE = "role", _("role in the portal")

    email = models.EmailField(_("email address"))
    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class SitePage(models.Model):
    """A page whose text staff edit: the accessibility statement and the privacy notice."""

    class Slug(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        PRIVACY = "privacy", _("Privacy notice")

    slug = models.CharField(max_length=40, choices=Slug.choices, unique=True)
    body_fi = models.TextField(_("text in Finnish"))
    body_sv = models.TextField(_("text in Swedish"), blank=True)
    body_en = models.TextField(_("text in English"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")

    def __str__(self) -> str:
        return self.get_slug_display()

    body = Translated()


class AccessibilityFeedback(models.Model):
    """Feedback through the channel the accessibility statement must offer."""

    page_url = models.CharField(_("page the feedback is about"), max_length=500, blank=True)
    message = models.TextField(_("feedback"), max_length=5000)
    email = models.EmailField(_("email for a reply"), blank=True)
    language = models.CharField(max_length=5, default="fi")
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message[:60]


class CouncilMembership(models.Model):
    """A seat holder in the council for a term: a member, or the personal deputy of one.

    Created by the board's decision on a nomination call. A seat is the principal membership
    together with its deputies (`deputy_of`); attendance and quorum are counted per seat.
    """

    class Position(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice-chair")
        MEMBER = "member", _("member")
        DEPUTY = "deputy", _("deputy member")
        BOARD_REPRESENTATIVE = "board_rep", _("representative of the board")
        SECRETARY = "secretary", _("secretary")
        EXPERT = "expert", _("expert")

    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="council_memberships"
    )
    # Kept beside the user so that a member invited but not yet signed up is still listed.
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_memberships",
    )
    seat_category = models.ForeignKey(
        SeatCategory,
        verbose_name=_("seat category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_memberships",
    )
    position = models.CharField(
        _("position"), max_length=20, choices=Position.choices, default=Position.MEMBER
    )
    deputy_of = models.ForeignKey(
        "self",
        verbose_name=_("deputy of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deputies",
    )
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    nomination = models.ForeignKey(
        "membership.Nomination",
        verbose_name=_("nomination"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    # The link in the invitation email: whoever signs in with this email claims the seat.
    claim_token = models.CharField(max_length=64, blank=True, db_index=True)
    ended_early_on = models.DateField(_("resigned on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council membership")
        verbose_name_plural = _("council memberships")
        ordering = ["seat_category__order", "position", "full_name"]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_position_display()})"

    @property
    def last_day(self) -> datetime.date:
        return self.ended_early_on or self.ends_on

    def is_active_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.last_day


class Erasure(models.Model):
    """The record of a person's erasure on request: when, by whom, why and what was removed."""

    # A SHA-256 of the email address: the record matches a repeated request but holds no personal data.
    subject_key = models.CharField(max_length=64, db_index=True)
    reason = models.TextField(_("reason"), max_length=2000)
    erased_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    erased_at = models.DateTimeField(_("erased"), default=timezone.now)
    counts = models.JSONField(_("what was removed"), default=dict)

    class Meta:
        verbose_name = _("erasure of personal data")
        verbose_name_plural = _("erasures of personal data")
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"{self.erased_at:%Y-%m-%d} {self.subject_key[:8]}"
