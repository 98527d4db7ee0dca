import pytest

from django.contrib.auth import get_user_model

from tests.support.otp import sign_in


@pytest.mark.django_db
def test_editors_see_popular_and_zero_result_searches(client, site_tree, editor):
    for query in ["stage", "stage", "mentor", "kernfysica", "kernfysica", "kernfysica"]:
        client.get("/zoeken/", {"q": query})
    sign_in(client, editor)

    popular = client.get("/admin/reports/zoeken/populair/")
    assert popular.status_code == 200
    rows = popular.context["object_list"]
    assert [(row.query_string, row.search_count) for row in rows] == [
        ("kernfysica", 3),
        ("stage", 2),
        ("mentor", 1),
    ]

    zero = client.get("/admin/reports/zoeken/zonder-resultaat/")
    assert zero.status_code == 200
    assert {row.query_string: row.search_count for row in zero.context["object_list"]} == {
        "kernfysica": 3,
        "stage": 2,
        "mentor": 1,
    }
    assert "Zoekopdrachten zonder resultaat" in zero.content.decode()

    export = client.get("/admin/reports/zoeken/zonder-resultaat/", {"export": "csv"})
    assert export.status_code == 200
    assert "kernfysica,3" in b"".join(export.streaming_content).decode()


@pytest.mark.django_db
def test_reports_need_admin_access(client, site_tree):
    user = get_user_model().objects.create_user("bezoeker", password="x")
    sign_in(client, user)
    response = client.get("/admin/reports/zoeken/populair/")
    assert response.status_code in (302, 403)
