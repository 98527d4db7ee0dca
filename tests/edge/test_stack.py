"""Through the whole stack: what visitors and editors get from Varnish in front of the app."""

import time

import pytest
import requests

from tests.edge.conftest import EDGE_PORT

# Starting the stack (migrate, collectstatic, demo content) takes minutes on a busy machine.
pytestmark = [pytest.mark.edge, pytest.mark.timeout(1200)]

CHAPTER = "/gidsen/gids-voor-scholen/wat-is-werkplekleren/"
GUIDE = "/gidsen/gids-voor-scholen/"
REGISTRATION = "/partners/registreren/"
GLOSSARY = "/gidsen/woordenlijst/"


def get(stack, path, **kwargs):
    return requests.get(stack.edge + path, timeout=10, **kwargs)


def cached(stack, path):
    """Request `path` through the edge until it is a hit; the hit's response."""
    for _attempt in range(3):
        response = get(stack, path)
        if response.headers.get("X-Cache") == "hit":
            return response
    raise AssertionError(f"{path} never came from the edge: {response.headers}")


def until(condition, seconds):
    """Poll `condition` for at most `seconds`; the time it took, or None."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def test_a_public_page_is_served_from_the_edge(stack):
    first = get(stack, GUIDE)
    assert first.status_code == 200
    assert "public" in first.headers["Cache-Control"]
    hit = cached(stack, GUIDE)
    assert hit.text == first.text
    # Tracking cookies do not split the cache.
    assert (
        get(stack, GUIDE, cookies={"_ga": "GA1.1.1", "utm_source": "x"}).headers["X-Cache"] == "hit"
    )


def test_a_publish_is_served_through_the_edge_within_a_second(stack):
    assert "Nieuwe titel van de edge" not in cached(stack, CHAPTER).text
    assert get(stack, GUIDE).status_code == 200  # the guide's chapter list, at the edge too
    assert "Nieuwe titel van de edge" not in cached(stack, GLOSSARY).text  # its "Gebruikt in"
    stack.manage_shell(
        "from wagtail.models import Page;"
        f"p = Page.objects.get(url_path='/home{CHAPTER}').specific;"
        "p.title = 'Nieuwe titel van de edge';"
        "p.save_revision().publish()"
    )
    took = until(lambda: "Nieuwe titel van de edge" in get(stack, CHAPTER).text, 1.0)
    assert took is not None, "the edge still served the old chapter a second after the publish"
    assert "Nieuwe titel van de edge" in get(stack, GUIDE).text  # the guide lists it as well
    # The glossary lists the chapters that use each term: purged, and its list forgotten.
    assert "Nieuwe titel van de edge" in get(stack, GLOSSARY).text


def test_a_password_added_to_a_page_the_edge_holds_stops_it_at_once(stack):
    path = "/gidsen/gids-voor-scholen/"
    content = cached(stack, path).text
    page_id = stack.page_id(path)
    admin = stack.login(stack.apps[1])
    response = stack.admin_post(
        admin,
        stack.apps[1],
        f"/admin/pages/{page_id}/privacy/",
        {"restriction_type": "password", "password": "edge-geheim-1"},
    )
    assert response.status_code == 200, response.text[:300]
    after = get(stack, path)
    assert after.text != content
    assert 'name="password"' in after.text  # Wagtail's password form, not the page
    assert "public" not in after.headers["Cache-Control"]
    assert get(stack, path).headers.get("X-Cache") != "hit"
    # Removed again: public and cached once more.
    stack.admin_post(
        admin, stack.apps[1], f"/admin/pages/{page_id}/privacy/", {"restriction_type": "none"}
    )
    assert cached(stack, path).status_code == 200


def test_an_editor_never_sees_nor_fills_an_edge_copy(stack):
    path = "/gidsen/"
    editor = stack.login(stack.edge)
    seen = editor.get(stack.edge + path)
    assert seen.status_code == 200
    assert seen.headers["X-Cache"] == "miss"
    assert "private" in seen.headers["Cache-Control"]
    assert editor.get(stack.edge + path).headers["X-Cache"] == "miss"
    # The anonymous copy was not filled by the editor's views: first request a miss.
    requests.request("PURGE", stack.edge + path, timeout=5)
    editor.get(stack.edge + path)
    assert get(stack, path).headers["X-Cache"] == "miss"
    # ... and the editor does not get the anonymous copy now at the edge either.
    assert get(stack, path).headers["X-Cache"] == "hit"
    assert editor.get(stack.edge + path).headers["X-Cache"] == "miss"


def test_a_form_page_is_never_cached(stack):
    for _attempt in range(3):
        response = get(stack, REGISTRATION)
        assert response.status_code == 200
        assert response.headers["X-Cache"] == "miss"
        assert "csrftoken" in response.cookies
        assert "no-store" in response.headers["Cache-Control"]


def test_a_partner_page_is_kept_at_the_edge_and_its_contact_form_never(stack):
    # The demo partners all take messages: the page links to its form, which has the token.
    partner = "/partners/autogarage-wommelveld-fictief/"
    first = get(stack, partner)
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" not in first.text
    assert "csrftoken" not in first.cookies
    assert "public" in first.headers["Cache-Control"]
    assert cached(stack, partner).text == first.text
    for _attempt in range(3):
        form = get(stack, partner + "contact/")
        assert form.status_code == 200
        assert 'name="csrfmiddlewaretoken"' in form.text
        assert form.headers["X-Cache"] == "miss"
        assert "no-store" in form.headers["Cache-Control"]


def test_with_two_app_servers_an_unpublish_through_one_is_seen_at_once(stack):
    path = "/gidsen/gids-voor-scholen/"
    page_id = stack.page_id(path)
    chapter_path = CHAPTER
    chapter_id = stack.page_id(chapter_path)
    cached(stack, chapter_path)
    del page_id
    admin = stack.login(stack.apps[0])
    response = stack.admin_post(admin, stack.apps[0], f"/admin/pages/{chapter_id}/unpublish/", {})
    assert response.status_code == 200  # followed to the explorer
    assert get(stack, chapter_path).status_code == 404
    # The other app server agrees (no per-process cache of the page tree).
    assert requests.get(stack.apps[1] + chapter_path, timeout=10).status_code == 404


def test_purges_and_bans_are_refused_from_other_addresses(stack):
    # The ACL `purgers` holds the app servers' address (127.0.0.1); 127.0.0.2 is another
    # loopback address of this machine, as another host on the network would be.
    import socket

    for method in (b"PURGE", b"BAN"):
        with socket.create_connection(
            ("127.0.0.1", EDGE_PORT), source_address=("127.0.0.2", 0), timeout=10
        ) as sock:
            sock.sendall(method + b" / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Ban-Prefix: /\r\n\r\n")
            assert b" 405 " in sock.recv(200)
    assert cached(stack, "/gidsen/").status_code == 200  # nothing was purged


def test_a_partner_approved_in_a_new_province_purges_the_shortage_page(stack):
    """The shortage page has a column per province with partners: a partner published in a
    province that had none must reach it at once, although no places or requests changed."""
    shortage = "/partners/tekort-aan-plaatsen/"
    assert cached(stack, shortage).status_code == 200
    stack.manage_shell(
        "from partners.models import Partner;"
        "p = Partner.objects.filter(live=True).order_by('pk').first();"
        "p.postcode = '7000'; p.municipality = '';"
        "p.save_revision().publish()"
    )
    took = until(lambda: get(stack, shortage).headers.get("X-Cache") != "hit", 1.0)
    assert took is not None, "the edge still served the old shortage page after the publish"
    assert get(stack, shortage).status_code == 200
