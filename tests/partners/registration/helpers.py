"""Helpers shared by the registration tests: valid data and the steps of the flow."""

import re

from django.core import mail

from partners.registration import tokens


def form_data(**overrides):
    """Valid form data as the browser posts it (lists for multiple values)."""
    data = {
        "kind": "bedrijf",
        "name": "Bakkerij De Korenaar",
        "enterprise_number": "0566.988.259",
        "website": "www.korenaar.example",
        "street": "Veldstraat 12",
        "postcode": "9000",
        "municipality": "Gent",
        "sector": "voeding",
        "description": "Ambachtelijke bakkerij.\n\nLeerlingen leren deeg maken.",
        "contact_name": "An Peeters",
        "contact_role": "zaakvoerder",
        "contact_email": "an@korenaar.example",
        "contact_phone": "09 234 56 78",
        "kinds": ["leerlingenstage", "snuffelstage"],
        "study_domains": ["voeding-en-horeca"],
        "education_forms": [],
        "places_per_year": "2",
        "mentor_available": "ja",
        "mentor_trained": "nee",
        "consent_privacy": "on",
        "consent_publication": "on",
        "token": "a" * 32,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def api_data(**overrides):
    data = {
        "kind": "bedrijf",
        "name": "Garage Van Dam",
        "enterprise_number": "0353.456.320",
        "street": "Kerkstraat 3",
        "postcode": "2000",
        "sector": "auto-en-mobiliteit",
        "contact_name": "Karel Van Dam",
        "contact_email": "karel@vandam.example",
        "kinds": ["leerlingenstage"],
        "study_domains": ["stem"],
        "places_per_year": 3,
        "mentor_available": True,
        "mentor_trained": True,
        "consent_privacy": True,
        "consent_publication": True,
    }
    data.update(overrides)
    return data


def register_url(directory):
    return directory.url + directory.reverse_subpage("register")


def preview(client, directory, data):
    return client.post(register_url(directory), {**data, "action": "preview"})


def payload_from(response):
    match = re.search(r'name="payload" value="([^"]+)"', response.content.decode())
    assert match, "the preview page has no payload"
    return match.group(1)


def submit(client, directory, data):
    """The form, the preview and the final submit; returns the final response."""
    response = preview(client, directory, data)
    assert response.status_code == 200
    return client.post(
        register_url(directory), {"payload": payload_from(response), "action": "submit"}
    )


def link_in_mail(message, marker):
    """The first link in `message` whose path contains `marker`."""
    for url in re.findall(r"https?://\S+", message.body):
        if marker in url:
            return url
    raise AssertionError(f"no link with {marker!r} in: {message.body}")


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def verify_path(registration, directory):
    return directory.url + directory.reverse_subpage(
        "register_verify", args=[tokens.make_verify_token(registration)]
    )


def outbox_to(address):
    return [m for m in mail.outbox if address in m.to]


def registration_data(**overrides):
    """Normalised registration data, as RegistrationForm.registration_data() returns it."""
    from partners.registration.forms import RegistrationForm

    form = RegistrationForm(form_data(**overrides))
    assert form.is_valid(), form.errors
    return form.registration_data()


def in_review(capture, **overrides):
    """A registration created and verified through the services: in review, mails sent."""
    from partners.registration import services

    with capture(execute=True):
        registration, _created = services.create_registration(registration_data(**overrides))
    with capture(execute=True):
        services.verify_registration(registration.public_id)
    registration.refresh_from_db()
    return registration


def workflow_action_url(registration, action):
    from django.urls import reverse

    from wagtail.models import WorkflowState

    state = WorkflowState.objects.get(pk=registration.workflow_state_id)
    return reverse(
        "wagtailsnippets_partners_partner:workflow_action",
        args=[registration.partner_id, action, state.current_task_state_id],
    )


def approve(registration, user, capture, comment=""):
    from wagtail.models import WorkflowState

    state = WorkflowState.objects.get(pk=registration.workflow_state_id)
    with capture(execute=True):
        state.current_task_state.specific.approve(user=user, comment=comment)
    registration.refresh_from_db()
    return registration


def manage_path(partner, directory, name="manage"):
    from partners.models import PartnerAccessKey

    key = PartnerAccessKey.objects.get(partner=partner)
    return directory.url + directory.reverse_subpage(name, args=[tokens.make_manage_token(key)])


def update_data(**overrides):
    data = form_data(**overrides)
    for name in ("enterprise_number", "consent_privacy", "consent_publication"):
        data.pop(name, None)
    return data


def restore_migration_data():
    from tests.conftest import restore_migration_data as restore

    restore()


def closed_port():
    """A local TCP port nothing listens on (bound, then released)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def failing_mailers(settings):
    """Point the default mailer at SMTP on a closed local port: every send really fails."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 3},
        }
    }
