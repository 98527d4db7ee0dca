"""Two-factor authentication in Wagtail's admin (django-otp: TOTP and recovery codes).

Required for superusers and for the groups in OTP_REQUIRED_GROUPS (moderators, partner managers:
they see companies' contact data and decide on registrations). After the password, such a user
is sent to enrol an authenticator app (a QR code drawn here, as SVG, and ten recovery codes shown
once) or, once enrolled, to give the code of the moment. Until then no other admin view answers.
"""

from base64 import b32encode
from urllib.parse import quote

import django_otp
import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

RECOVERY_CODES = 10
# The two steps, signing out, and the admin's static assets that every admin page (the two steps
# included) loads from /admin/: the icon sprite, which admin JS fetches and injects into the page,
# and the JavaScript translation catalogue. Redirecting those would inject the verification page
# into itself (a second form whose `next` is the sprite) and break the admin's scripts.
ALLOWED_UNVERIFIED = (
    "two_factor_verify",
    "two_factor_enrol",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
)


def two_factor_required(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.OTP_REQUIRED_GROUPS).exists()


class TwoFactorRequiredMiddleware:
    """In the admin, a user who needs a second factor and has not given it goes to give it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith("/admin/"):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in ALLOWED_UNVERIFIED:
            return None
        user = request.user
        if not two_factor_required(user) or user.is_verified():
            return None
        step = "two_factor_verify" if django_otp.user_has_device(user) else "two_factor_enrol"
        return redirect(f"{reverse(step)}?next={quote(request.get_full_path())}")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def qr_code_svg(text):
    """The QR code of `text` as an inline SVG element, drawn here."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@never_cache
def verify(request):
    """The second step of signing in: the authenticator's code, or a recovery code."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            django_otp.login(request, device)
            return redirect(next_url(request))
        form.add_error("token", _("Deze code klopt niet of is verlopen. Probeer de volgende."))
    return render(
        request, "portal/two_factor/verify.html", {"form": form, "next": next_url(request)}
    )


@never_cache
def enrol(request):
    """Link an authenticator app (TOTP) to the account; then show the recovery codes once."""
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    if django_otp.user_has_device(user) and not user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?next={quote(next_url(request))}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": _("Authenticator-app")}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()
            device.confirmed = True
            device.save()
            django_otp.login(request, device)
            codes = issue_recovery_codes(user)
            messages.success(request, _("Tweestapsverificatie staat aan voor uw account."))
            return render(
                request,
                "portal/two_factor/recovery_codes.html",
                {"codes": codes, "next": next_url(request)},
            )
        form.add_error(
            "token", _("Deze code klopt niet. Kijk of de klok van uw toestel juist staat.")
        )
    return render(
        request,
        "portal/two_factor/enrol.html",
        {
            "form": form,
            "next": next_url(request),
            "qr_code": qr_code_svg(device.config_url),
            "secret": b32encode(device.bin_key).decode(),
        },
    )


def issue_recovery_codes(user):
    """Ten single-use recovery codes, replacing any earlier ones."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": _("Herstelcodes"), "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


urlpatterns = [
    path("tweestapsverificatie/", verify, name="two_factor_verify"),
    path("tweestapsverificatie/instellen/", enrol, name="two_factor_enrol"),
]
