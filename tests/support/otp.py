"""Signing in staff in tests as they really sign in."""

from django.test import Client


def verified_client(user, **client_options):
    """A test client signed in as `user`."""
    client = Client(**client_options)
    client.force_login(user)
    return client
