"""The accounts of the people who run the portal: failed logins limited, a second factor for
the roles that see personal data, password rules, sessions that end."""

import time

import pytest
from axes.models import AccessAttempt
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.support.otp import authenticator, current_code, verified_client

PASSWORD = "Lange-zin-voor-de-test-42"
LOGIN = "/admin/login/"
THROTTLE_SECONDS = 1.1


@pytest.fixture
def staff(django_user_model):
    def make(username, group=None, superuser=False):
        if superuser:
            return django_user_model.objects.create_superuser(
                username=username, password=PASSWORD, email=f"{username}@portaal.example"
            )
        user = django_user_model.objects.create_user(
            username=username, password=PASSWORD, email=f"{username}@portaal.example"
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def log_in(client, username, password=PASSWORD, address="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


# Failed logins (django-axes)


@pytest.mark.django_db
def test_an_account_is_locked_after_five_wrong_passwords_with_a_dutch_page(staff):
    staff("redacteur", "Redacteurs")
    client = Client()
    for _attempt in range(4):
        response = log_in(client, "redacteur", "fout-wachtwoord")
        assert response.status_code == 200  # the form again, with its error
    response = log_in(client, "redacteur", "fout-wachtwoord")
    assert response.status_code == 429
    assert "Aanmelden tijdelijk geblokkeerd" in response.content.decode()
    # Now even the right password, from another address, is refused.
    response = log_in(Client(), "redacteur", address="203.0.113.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in Client().session


@pytest.mark.django_db
def test_one_address_is_locked_whatever_the_account(staff):
    staff("redacteur", "Redacteurs")
    client = Client()
    for number in range(5):
        log_in(client, f"geraden-{number}", "fout-wachtwoord", address="192.0.2.50")
    response = log_in(client, "redacteur", address="192.0.2.50")
    assert response.status_code == 429
    # The account itself is not locked: from another address it signs in.
    response = log_in(Client(), "redacteur", address="192.0.2.51")
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_administrator_lifts_the_lockout_in_the_admin(staff):
    staff("redacteur", "Redacteurs")
    for _attempt in range(5):
        log_in(Client(), "redacteur", "fout-wachtwoord")
    assert log_in(Client(), "redacteur", address="203.0.113.9").status_code == 429
    admin = verified_client(staff("beheerder", superuser=True))
    listing = admin.get(reverse("lockouts:index"))
    assert listing.status_code == 200
    assert "redacteur" in listing.content.decode()
    for attempt in AccessAttempt.objects.filter(username="redacteur"):
        response = admin.post(reverse("lockouts:delete", args=[attempt.pk]))
        assert response.status_code == 302
    assert log_in(Client(), "redacteur", address="203.0.113.9").status_code == 302


@pytest.mark.django_db
def test_only_superusers_see_the_lockouts(staff):
    moderator = verified_client(staff("moderator", "Moderatoren"))
    response = moderator.get(reverse("lockouts:index"))
    assert response.status_code == 302 and response["Location"] == "/admin/"


# The second factor (django-otp)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "superuser"),
    [(None, True), ("Moderatoren", False), ("Partnerbeheerders", False)],
)
def test_roles_with_personal_data_must_enrol_then_give_a_code(staff, group, superuser):
    user = staff("persoon", group, superuser=superuser)
    client = Client()
    response = log_in(client, "persoon")
    assert response.status_code == 302
    # Without a device: every admin page sends to the enrolment page, with a QR code.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_enrol"))
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Tweestapsverificatie instellen" in html
    assert "<svg" in html and "<path" in html  # the QR code, drawn here
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert f"<code data-two-factor-secret>{device.config_url.split('secret=')[1][:8]}" in html
    wrong = client.post(reverse("two_factor_enrol"), {"token": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    time.sleep(THROTTLE_SECONDS)  # django-otp slows down guessing after a wrong code
    done = client.post(reverse("two_factor_enrol"), {"token": current_code(device)})
    codes = [token.token for token in StaticToken.objects.filter(device__user=user)]
    assert len(codes) == 10
    assert all(code in done.content.decode() for code in codes)
    assert client.get("/admin/").status_code == 200
    # The next sign-in asks for the code.
    client = Client()
    log_in(client, "persoon")
    response = client.get("/admin/account/")
    assert response["Location"].startswith(reverse("two_factor_verify"))
    device.refresh_from_db()
    assert device.confirmed
    # A recovery code works once.
    response = client.post(
        reverse("two_factor_verify"), {"token": codes[0], "next": "/admin/account/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200
    again = Client()
    log_in(again, "persoon")
    response = again.post(reverse("two_factor_verify"), {"token": codes[0]})
    assert "Deze code klopt niet" in response.content.decode()


@pytest.mark.django_db
def test_editors_work_without_a_second_factor(staff):
    staff("redacteur", "Redacteurs")
    client = Client()
    log_in(client, "redacteur")
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_verification_page_refuses_a_wrong_code_and_other_sites(staff):
    user = staff("moderator", "Moderatoren")
    device = authenticator(user)
    client = Client()
    log_in(client, "moderator")
    response = client.post(reverse("two_factor_verify"), {"token": "123456"})
    assert response.status_code == 200
    assert "Deze code klopt niet of is verlopen" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    time.sleep(THROTTLE_SECONDS)
    response = client.post(
        reverse("two_factor_verify"),
        {"token": current_code(device), "next": "https://elders.example/"},
    )
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_the_verification_page_loads_the_admin_icons_and_translations(staff):
    """The admin's scripts fetch the icon sprite and inject it into every admin page, the
    verification page included: before the second factor, it must be the sprite, not the
    verification page again (a second form inside the first, its `next` the sprite)."""
    user = staff("moderator", "Moderatoren")
    authenticator(user)
    client = Client()
    log_in(client, "moderator")
    sprite = client.get(reverse("wagtailadmin_sprite"))
    assert sprite.status_code == 200
    assert '<symbol id="icon-' in sprite.content.decode()
    assert "Tweestapsverificatie" not in sprite.content.decode()
    catalog = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert catalog.status_code == 200 and "javascript" in catalog["Content-Type"]
    html = client.get(reverse("two_factor_verify")).content.decode()
    assert html.count('id="id_token"') == 1
    assert client.get("/admin/").status_code == 302


# Passwords and sessions


@pytest.mark.django_db
def test_weak_passwords_are_refused_in_dutch(staff):
    user = staff("redacteur", "Redacteurs")
    with pytest.raises(ValidationError) as refused:
        validate_password("12345678", user)
    messages = " ".join(refused.value.messages)
    assert "Dit wachtwoord is te kort" in messages
    assert "Dit wachtwoord is te algemeen" in messages
    assert "Dit wachtwoord bevat alleen cijfers" in messages
    with pytest.raises(ValidationError, match="te veel op"):
        validate_password("redacteur@portaal", user)
    validate_password(PASSWORD, user)  # a long sentence passes


@pytest.mark.django_db
def test_an_admin_session_ends_when_it_expires(staff):
    staff("redacteur", "Redacteurs")
    client = Client()
    log_in(client, "redacteur")
    assert client.get("/admin/").status_code == 200
    session = Session.objects.get()
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert 0 < remaining <= 2 * 60 * 60
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_an_admin_session_stays_open_while_it_is_used(staff):
    staff("redacteur", "Redacteurs")
    client = Client()
    log_in(client, "redacteur")
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(minutes=1))
    assert client.get("/admin/").status_code == 200
    remaining = (Session.objects.get().expire_date - timezone.now()).total_seconds()
    assert 2 * 60 * 60 - 60 < remaining <= 2 * 60 * 60
