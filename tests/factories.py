"""Factories for the ground floor; each app's tests keep theirs in tests/<app>/factories.py."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from membership.demo import business_id_for
from membership.models import (
    Municipality,
    Organisation,
    OrganisationContact,
    PrhMainClass,
    Role,
    SeatCategory,
    User,
)

TEST_PASSWORD = "testi-salasana-123"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.fi")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    preferred_language = "fi"

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


def with_totp(user: User) -> User:
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(TOTP_SECRET)}}
    )
    return user


def user_with_role(role: str, **kwargs) -> User:
    from membership.services import assign_role

    user = UserFactory(**kwargs)
    assign_role(user, role)  # the real role path: administrators get the group, not superuser
    if role in (Role.ADMIN, Role.STAFF):
        with_totp(user)
    return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Testiyhdistys {n} ry")
    business_id = factory.Sequence(lambda n: business_id_for(1000000 + n * 13))
    prh_class = factory.LazyFunction(lambda: PrhMainClass.objects.get(code="social-health"))
    seat_category = factory.LazyFunction(lambda: SeatCategory.objects.get(code="pensioners"))

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):
        if create:
            obj.municipalities.set(extracted or [Municipality.objects.get(code="092")])


def contact_of(organisation: Organisation, user: User | None = None) -> User:
    user = user or UserFactory()
    OrganisationContact.objects.create(organisation=organisation, user=user, is_primary=True)
    return user
