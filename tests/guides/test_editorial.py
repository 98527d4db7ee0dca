"""Editors and moderators: groups, permissions and the moderation workflow of the guides."""

import importlib

import pytest

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowState

from guides.models import GuideChapterPage, Topic
from tests.guides.factories import GuideChapterPageFactory, text
from tests.support.otp import sign_in

topics_migration = importlib.import_module("guides.migrations.0003_topics")
editorial_migration = importlib.import_module("guides.migrations.0004_editorial_workflow")


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redacteur", "r@example.be", "wachtwoord")
    user.groups.add(Group.objects.get(name="Redacteurs"))
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", "m@example.be", "wachtwoord")
    user.groups.add(Group.objects.get(name="Moderatoren"))
    return user


class TestMigrations:
    @pytest.mark.django_db
    def test_topics_exist_with_their_slugs(self):
        assert list(Topic.objects.order_by("slug").values_list("slug", flat=True)) == sorted(
            [
                "werkplekleren",
                "duaal-leren",
                "stage",
                "mentoring",
                "evaluatie",
                "wettelijk-kader",
                "kwaliteit",
                "valkuilen",
                "samenwerking",
            ]
        )
        assert Topic.objects.get(slug="wettelijk-kader").name == "Wettelijk kader"

    @pytest.mark.django_db
    def test_topics_migration_restores_and_does_not_duplicate(self):
        Topic.objects.filter(slug="stage").delete()
        Topic.objects.filter(slug="mentoring").update(name="Mentorschap")
        topics_migration.create_topics(apps, None)
        topics_migration.create_topics(apps, None)
        assert Topic.objects.count() == 9
        assert Topic.objects.get(slug="mentoring").name == "Mentorschap"  # an editor's change stays

    @pytest.mark.django_db
    def test_groups_permissions_and_workflow(self, site_tree):
        editors = Group.objects.get(name="Redacteurs")
        moderators = Group.objects.get(name="Moderatoren")
        codenames = set(editors.permissions.values_list("codename", flat=True))
        assert {"access_admin", "add_term", "change_term"} <= codenames
        assert "delete_term" not in codenames
        assert {"delete_term", "change_topic"} <= set(
            moderators.permissions.values_list("codename", flat=True)
        )
        index = site_tree["guides"]
        page_permissions = {
            (permission.group.name, permission.permission.codename)
            for permission in GroupPagePermission.objects.filter(page=index)
        }
        assert ("Redacteurs", "change_page") in page_permissions
        assert ("Redacteurs", "publish_page") not in page_permissions
        assert ("Moderatoren", "publish_page") in page_permissions
        workflow = Workflow.objects.get(name="Gidsen: goedkeuring")
        assert WorkflowPage.objects.get(page=index).workflow == workflow
        task = workflow.tasks.get().specific
        assert list(task.groups.all()) == [moderators]

    @pytest.mark.django_db
    def test_editorial_migration_applies_to_an_existing_guides_section_once(self, site_tree):
        index = site_tree["guides"]
        GroupPagePermission.objects.filter(page=index).delete()
        WorkflowPage.objects.filter(page=index).delete()
        editorial_migration.create_editorial_setup(apps, None)
        editorial_migration.create_editorial_setup(apps, None)
        assert GroupPagePermission.objects.filter(page=index).count() == 8
        assert WorkflowPage.objects.get(page=index).workflow.name == "Gidsen: goedkeuring"
        assert Workflow.objects.filter(name="Gidsen: goedkeuring").count() == 1
        assert Group.objects.filter(name__in=["Redacteurs", "Moderatoren"]).count() == 2


@pytest.mark.django_db
def test_editor_submits_and_the_page_goes_live_only_after_a_moderator_approves(
    client, guide_tree, editor, moderator
):
    guide = guide_tree["guide"]
    chapter = GuideChapterPage(
        title="Evalueren", slug="evalueren", intro="Hoe je evalueert.", live=False
    )
    chapter.body = [text("<p>Een eerste versie.</p>")]
    guide.add_child(instance=chapter)

    permissions = chapter.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert chapter.permissions_for_user(moderator).can_publish()

    # The editor saves a revision and submits it, as the admin's "Ter moderatie indienen" does.
    revision = chapter.save_revision(user=editor)
    workflow = chapter.get_workflow()
    assert workflow.name == "Gidsen: goedkeuring"
    workflow.start(chapter, editor)
    chapter.refresh_from_db()
    state = chapter.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not chapter.live
    assert client.get("/gidsen/scholen/evalueren/").status_code == 404

    # The editor cannot approve; the moderator can.
    task = state.current_task_state.task.specific
    assert task.get_actions(chapter, editor) == []
    assert "approve" in [name for name, *_ in task.get_actions(chapter, moderator)]

    sign_in(client, moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[chapter.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": "In orde."},
    )
    assert response.status_code in (200, 302)
    chapter.refresh_from_db()
    assert chapter.live
    assert chapter.live_revision_id == revision.pk
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    response = client.get("/gidsen/scholen/evalueren/")
    assert response.status_code == 200
    assert "Een eerste versie." in response.content.decode()


@pytest.mark.django_db
def test_a_rejected_page_stays_a_draft(guide_tree, editor, moderator):
    chapter = GuideChapterPageFactory(parent=guide_tree["guide"], live=False)
    chapter.save_revision(user=editor)
    workflow_state = chapter.get_workflow().start(chapter, editor)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject")
    chapter.refresh_from_db()
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not chapter.live


@pytest.mark.django_db
def test_editor_can_open_the_editor_and_manage_terms(client, guide_tree, editor):
    sign_in(client, editor)
    chapter = guide_tree["chapters"][0]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[chapter.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_guides_term:add")).status_code == 200
    assert client.get(reverse("wagtailsnippets_guides_term:list")).status_code == 200
    # Outside the guides section the editor has no page rights.
    directory = guide_tree["directory"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[directory.pk])).status_code in (
        302,
        403,
    )
