"""The Content-Security-Policy of each part of the site, directive by directive.

The public site: nothing inline, nothing from other origins, never framed. The admin: what
Wagtail 8 needs and no more (inline script and style, no eval, its own origin only, frames only
its own previews). A preview: the public policy, framed by the admin's own origin only.
"""

import pytest

from django.test import Client

from tests.guides.factories import GuideChapterPageFactory, GuidePageFactory

PUBLIC = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "media-src": "'self'",
    "object-src": "'none'",
    "frame-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
}
ADMIN = {
    **PUBLIC,
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "frame-src": "'self'",
}
PREVIEW = {**PUBLIC, "frame-ancestors": "'self'"}


def directives(response):
    policy = response["Content-Security-Policy"]
    parsed = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert len(parsed) == len(policy.split(";")), f"a directive is repeated: {policy}"
    return parsed


@pytest.fixture
def chapter(site_tree):
    guide = GuidePageFactory(parent=site_tree["guides"], title="Gids voor scholen")
    return GuideChapterPageFactory(parent=guide, title="Wat is werkplekleren?")


@pytest.fixture
def admin_client(django_user_model):
    from tests.support.otp import verified_client

    user = django_user_model.objects.create_superuser(
        username="root", password="unused-pass-123", email="root@werkplekportaal.example"
    )
    return verified_client(user)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/gidsen/", "/zoeken/?q=stage", "/bestaat-niet/"])
def test_public_pages_have_the_strict_policy(site_tree, path):
    response = Client().get(path)
    assert directives(response) == PUBLIC
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_admin_login_page_has_the_admin_policy(site_tree):
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    assert directives(response) == ADMIN
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/{id}/edit/", "/admin/images/"])
def test_admin_pages_have_the_admin_policy(admin_client, chapter, path):
    response = admin_client.get(path.format(id=chapter.pk))
    assert response.status_code == 200
    assert directives(response) == ADMIN
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_preview_may_be_framed_by_the_admin_only(admin_client, chapter):
    # The preview's content needs the edit form's data first (the browser's live preview).
    response = admin_client.get(f"/admin/pages/{chapter.pk}/edit/preview/")
    assert response.status_code == 200
    assert directives(response) == PREVIEW
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_draft_view_in_a_new_tab_is_not_frameable(admin_client, chapter):
    response = admin_client.get(f"/admin/pages/{chapter.pk}/view_draft/")
    assert response.status_code == 200
    assert directives(response) == PUBLIC
