import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission


@pytest.fixture
def editor(db):
    """An editor with admin access and nothing more: the search reports are open to them."""
    user = get_user_model().objects.create_user("redacteur", password="x")
    group, _ = Group.objects.get_or_create(name="Zoekrapporten test")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user
