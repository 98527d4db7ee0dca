"""Signing in staff in tests as they really sign in: password session, then the TOTP code.

Superusers, moderators and partner managers must give a second factor in the admin
(portal/two_factor.py). These helpers give the user an authenticator device and post the code of
the moment, computed from the device's secret with django_otp's TOTP, to the verification page.
"""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client
from django.urls import reverse

from portal.two_factor import two_factor_required


def current_code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def authenticator(user):
    """The user's confirmed authenticator device (created when it has none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test", confirmed=True)


def sign_in(client, user):
    """Sign `client` in as `user`, with the second factor given through the verification page."""
    client.force_login(user)
    # A device of its own for each sign-in: a TOTP code is accepted once per 30-second step.
    device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    response = client.post(reverse("two_factor_verify"), {"token": current_code(device)})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def verified_client(user, **client_options):
    """A new test client signed in as `user`, second factor given."""
    return sign_in(Client(**client_options), user)


def sign_in_in_browser(page, base_url, username, password, user):
    """Sign in through the admin's login page and its second step, in a real browser."""
    device = authenticator(user) if two_factor_required(user) else None
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    if device is not None:
        page.wait_for_url("**/tweestapsverificatie/?**")
        page.locator("#id_token").fill(current_code(device))
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_url(lambda url: "tweestapsverificatie" not in url)
