"""Fixtures for the registration flow: the directory page, valid form data, a moderator."""

import pytest

from django.contrib.auth.models import Group

from tests.partners.registration import helpers


@pytest.fixture
def directory(site_tree):
    return site_tree["directory"]


@pytest.fixture
def form_data():
    return helpers.form_data()


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user(
        username="moderator", email="moderator@werkplekportaal.example", password="test-pass-123"
    )
    user.groups.add(Group.objects.get(name="Partnerbeheerders"))
    return user


@pytest.fixture
def mailoutbox_clear(mailoutbox):
    mailoutbox.clear()
    return mailoutbox
