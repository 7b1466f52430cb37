from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from allauth.account.signals import password_reset
        from post_office.signals import email_queued

        from . import data_parts, front, models, slots
        from .calls import composition
        from .kernel import public_cache, versions
        from .mailqueue import queue_sending

        email_queued.connect(queue_sending, dispatch_uid="membership.queue_sending")
        from .signin.services import on_password_reset

        password_reset.connect(on_password_reset, dispatch_uid="membership.signin_reset")

        # The pages of the ground floor that the apps above fill (see membership/slots.py).
        slots.declare("nav", owner=self.name, description="items of the main navigation")
        slots.declare("home.public", owner=self.name, description="front page: residents and the public")
        slots.declare("home.associations", owner=self.name, description="front page: associations")
        slots.declare("home.staff", owner=self.name, description="front page: HYTE team")
        slots.declare("organisation", owner=self.name, description="an organisation's page: its records")
        slots.declare("dashboard", owner=self.name, description="cards on the signed-in user's page")
        # The front page of each role: every journey starts there (see membership/front.py).
        slots.declare("front.ngo", owner=self.name, description="front page of an NGO contact")
        slots.declare("front.member", owner=self.name, description="front page of a council member")
        slots.declare("front.board", owner=self.name, description="front page of a board member")
        slots.declare("front.staff", owner=self.name, description="front page of the HYTE team: what waits")
        data_parts.register_parts(self.name)
        # The member list names organisations, categories and municipalities (edited in the admin),
        # and the decisions' reasons and vacant seats.
        public_cache.follow(
            "members",
            models.Organisation,
            models.SeatCategory,
            models.Municipality,
            models.CouncilMembership,
            models.DecisionReason,
            models.VacantSeat,
        )
        # Members and staff see a member's phone there; a sign-in (last_login) is no change of it.
        post_save.connect(_user_saved, sender=models.User, dispatch_uid="membership.member_list_phone")
        # The lists' filter options (membership/kernel/filtering.py), configured in the admin.
        versions.follow(
            "classifications",
            models.SeatCategory,
            models.PrhMainClass,
            models.Municipality,
            models.ActivityLanguage,
        )
        # The composition board's kept body (membership/calls/board_views.py).
        versions.follow(
            composition.TOPIC,
            models.Nomination,
            models.NominationCall,
            models.CallSeatRule,
            models.MunicipalityQuota,
            models.Organisation,
            models.Municipality,
            models.SeatCategory,
            models.CouncilMembership,
        )
        slots.register("nav", "membership/_nav.html", app=self.name, order=10)
        slots.register("home.public", "membership/_home_public.html", app=self.name, order=40)
        slots.register(
            "front.ngo", "membership/_front_ngo.html", app=self.name, order=10, context=front.ngo_front
        )
        slots.register(
            "front.staff", "membership/_front_staff.html", app=self.name, order=10, context=front.staff_front
        )
        slots.register("home.associations", "membership/_home.html", app=self.name)
        slots.register("dashboard", "membership/_dashboard.html", app=self.name, order=10)


def _user_saved(sender, update_fields=None, raw: bool = False, **kwargs) -> None:
    from .kernel import versions

    if not raw and (update_fields is None or "phone" in update_fields):
        versions.changed("members")
