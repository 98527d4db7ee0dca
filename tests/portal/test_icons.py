"""The favicon and the touch icon: served by the portal itself at the addresses browsers ask for."""

import io

import pytest
from PIL import Image

from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "image_format", "size"),
    [
        ("/favicon.ico", "ICO", (48, 48)),
        ("/apple-touch-icon.png", "PNG", (180, 180)),
        ("/apple-touch-icon-precomposed.png", "PNG", (180, 180)),
    ],
)
def test_root_icons_lead_to_a_real_image(path, image_format, size):
    client = Client()
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/static/portal/img/")
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    image = Image.open(io.BytesIO(b"".join(icon.streaming_content)))
    assert image.format == image_format
    assert image.size == size


@pytest.mark.django_db
def test_pages_link_their_icons(site_tree):
    html = Client().get("/").content.decode()
    assert 'rel="icon" href="/static/portal/img/favicon.ico"' in html
    assert 'rel="apple-touch-icon" href="/static/portal/img/apple-touch-icon.png"' in html
