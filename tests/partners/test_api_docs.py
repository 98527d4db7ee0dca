"""The API's front door and its documentation, served by the portal itself."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_root_answers_json_with_links_to_the_docs_and_the_openapi_document(client):
    response = client.get("/api/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["docs"] == "http://testserver/api/docs/"
    assert body["openapi"] == "http://testserver/api/openapi.json"
    assert client.get(body["openapi"]).json()["info"]["title"] == "Werkplekportaal API"


def test_docs_are_served_with_and_without_the_slash_from_the_sites_own_static_files(client):
    assert client.get("/api/docs")["Location"] == "/api/docs/"
    response = client.get("/api/docs", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui-init.js" in html
    assert "cdn" not in html.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_the_json_404_points_to_the_docs(client):
    response = client.get("/api/bestaat-niet/")
    assert response.status_code == 404
    body = response.json()
    assert body["docs"] == "http://testserver/api/docs/"
    assert "http://testserver/api/docs/" in body["detail"]
