"""purge_registrations: exactly what the privacy notice says, as a command and as a task."""

import datetime
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry, Revision

from partners.models import Partner, PartnerRegistration, RegistrationStatus
from partners.registration import services
from tests.partners.factories import published_partner
from tests.partners.registration import helpers

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _registration(status, age_days=0, decided_days=None, **fields):
    data = helpers.registration_data(places_per_year=str(PartnerRegistration.objects.count()))
    now = timezone.now()
    return PartnerRegistration.objects.create(
        name=data["name"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        data=data,
        fingerprint=f"{status}-{PartnerRegistration.objects.count()}",
        status=status,
        created_at=now - age_days * DAY,
        decided_at=None if decided_days is None else now - decided_days * DAY,
        **fields,
    )


def test_deletes_exactly_what_is_past_its_retention(directory):
    keep = [
        _registration(RegistrationStatus.UNVERIFIED, age_days=6),
        _registration(RegistrationStatus.IN_REVIEW, age_days=400),
        _registration(RegistrationStatus.APPROVED, age_days=400, decided_days=399),
        _registration(RegistrationStatus.REJECTED, age_days=100, decided_days=89),
    ]
    gone = [
        _registration(RegistrationStatus.UNVERIFIED, age_days=8),
        _registration(RegistrationStatus.REJECTED, age_days=100, decided_days=91),
        _registration(RegistrationStatus.SUPERSEDED, age_days=100, decided_days=91),
        _registration(RegistrationStatus.WITHDRAWN, age_days=100, decided_days=91),
    ]
    out = StringIO()
    call_command("purge_registrations", "--dry-run", stdout=out)
    assert "Would delete 1 unverified and 3" in out.getvalue()
    assert PartnerRegistration.objects.count() == 8

    call_command("purge_registrations", stdout=out)
    remaining = set(PartnerRegistration.objects.values_list("pk", flat=True))
    assert remaining == {r.pk for r in keep}
    for registration in gone:
        assert ModelLogEntry.objects.filter(
            object_id=str(registration.pk), action="partners.registration.purged"
        ).exists()
    # Running it again deletes nothing more.
    assert services.purge_registrations() == {"unverified": 0, "decided": 0, "partners": 0}


def test_a_rejected_new_registration_takes_its_unpublished_draft_partner_along(
    directory, moderator, django_capture_on_commit_callbacks
):
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    state = registration.workflow_state
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.specific.reject(user=moderator, comment="Geen echt bedrijf.")
    partner_id = registration.partner_id
    PartnerRegistration.objects.filter(pk=registration.pk).update(
        decided_at=timezone.now() - 91 * DAY
    )
    counts = services.purge_registrations()
    assert counts == {"unverified": 0, "decided": 1, "partners": 1}
    assert not Partner.objects.filter(pk=partner_id).exists()
    assert not Revision.objects.filter(object_id=str(partner_id)).exists()


def test_a_rejected_update_never_deletes_the_published_partner(
    directory, django_capture_on_commit_callbacks, moderator
):
    existing = published_partner(name="Bakkerij Oud", enterprise_number="0566988259")
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        registration.workflow_state.current_task_state.specific.reject(user=moderator, comment="x")
    PartnerRegistration.objects.filter(pk=registration.pk).update(
        decided_at=timezone.now() - 91 * DAY
    )
    services.purge_registrations()
    assert Partner.objects.filter(pk=existing.pk, live=True).exists()


def test_available_as_a_django_task(directory):
    from partners.tasks import purge_registrations

    _registration(RegistrationStatus.UNVERIFIED, age_days=8)
    result = purge_registrations.enqueue()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == {"unverified": 1, "decided": 0, "partners": 0}
    assert not PartnerRegistration.objects.exists()


def test_command_can_queue_the_task(directory):
    out = StringIO()
    call_command("purge_registrations", "--enqueue", stdout=out)
    assert "Queued task" in out.getvalue()
