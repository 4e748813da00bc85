from django.db.models import Prefetch, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ApiToken, User

DEMO_EMAIL_DOMAIN = "@demo.jointly.example"


def is_demo_person(user: User) -> bool:
    return user.email.endswith(DEMO_EMAIL_DOMAIN)


def demo_people_with_codes(*, current_code) -> list[dict]:
    """The demo sign-ins, with each one's current security code where they need one."""
    people = (
        User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN, is_active=True)
        .select_related("organisation")
        .prefetch_related(Prefetch("totpdevice_set", queryset=TOTPDevice.objects.filter(confirmed=True), to_attr="devices"))
        .order_by("role", "email")
    )
    return [
        {
            "user": person,
            "code": current_code(person.devices[0]) if person.needs_second_factor and person.devices else "",
        }
        for person in people
    ]


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def trusts_of(*, user: User):
    from jointly.partnerships.selectors import trusts_visible_to

    return trusts_visible_to(user=user)


def users_for_admin() -> QuerySet[User]:
    return User.objects.select_related("organisation", "region").order_by("full_name")
