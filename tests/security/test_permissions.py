"""The permission matrix: every URL of the site, requested as every kind of visitor.

The URLs come from the URL resolver (tests/security/urlmap.py): the public site, the API, the
Wagtail admin and everything added later. Each URL must match a rule below that says what each
role gets; a URL that no rule covers fails the test, so a new view cannot slip in unreviewed.
Pages come from the page tree, with the routes of routable pages (the directory's partner
pages, registration and management links) and draft partners that nobody outside the admin may
see. The outcome of a request is one of:

- SERVED: the view ran for this role (200, or a redirect within what it may see);
- LOGIN: sent to the admin's login page (an anonymous visitor);
- DENIED: a logged-in user without the permission (403, or Wagtail's redirect to the dashboard
  with "you do not have permission");
- MISSING: a 404. Every URL parameter names a real object (see `world`), so a 404 is only
  expected where the rule says why (Wagtail hiding an object from a role, a view that does not
  apply to the object);
- ERROR: a 5xx.
"""

import re

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from wagtail.models import Site

from partners.alerts import services as alert_services
from partners.alerts.models import SavedSearch
from partners.models import PartnerAccessKey
from partners.registration import services, tokens
from tests.partners.factories import PartnerFactory, published_partner
from tests.partners.registration import helpers
from tests.security import urlmap
from tests.support.otp import sign_in

SERVED, LOGIN, DENIED, ERROR, MISSING = "served", "login", "denied", "error", "missing"
ROLES = ("anonymous", "company", "editor", "moderator", "partner_manager", "superuser")
GROUPS = {
    "editor": "Redacteurs",
    "moderator": "Moderatoren",
    "partner_manager": "Partnerbeheerders",
}


def everyone(outcome):
    return dict.fromkeys(ROLES, outcome)


def admin(editor, moderator, partner_manager, superuser):
    """An admin URL: the anonymous visitor and a company (which holds only its management link)
    always go to the login page."""
    return {
        "anonymous": LOGIN,
        "company": LOGIN,
        "editor": editor,
        "moderator": moderator,
        "partner_manager": partner_manager,
        "superuser": superuser,
    }


ALL_STAFF = admin(SERVED, SERVED, SERVED, SERVED)
SUPERUSER_ONLY = admin(DENIED, DENIED, DENIED, SERVED)
NOBODY = admin(DENIED, DENIED, DENIED, DENIED)
PARTNER_DATA = admin(DENIED, DENIED, SERVED, SERVED)
EDITORIAL = admin(SERVED, SERVED, DENIED, SERVED)  # the guides' editors and moderators
MODERATION = admin(DENIED, SERVED, DENIED, SERVED)  # moderators only (publish, delete, move)

# (regular expression on the URL's qualified name, outcome per role). The first match wins.
# Page URLs are named "name@home" or "name@guide" (see PAGE_VARIANTS). Every rule gives each
# role exactly one outcome, for a real object of the URL's kind (see `world`).
RULES = [
    # The public site and its API: open to everyone (what they show is tested below).
    (
        r"^(healthz|robots_txt|root_icon|sitemap|set_interface_language|wagtail_serve|api_not_found|"
        r"api_docs|wagtaildocs_serve)$",
        everyone(SERVED),
    ),
    # The password forms of a protected collection and a protected page.
    (
        r"^(wagtailcore_login|wagtailcore_authenticate_with_password|"
        r"wagtaildocs_authenticate_with_password)$",
        everyone(SERVED),
    ),
    # A saved search's List-Unsubscribe address with a link that was never signed: 404 for
    # everyone (the signed link's answer and deletion are tested in tests/partners/alerts).
    (r"^alert_one_click_unsubscribe$", everyone(MISSING)),
    (
        r"^api:(api-root|root|openapi-json|openapi-view|partner_list|partner_detail|place_suggestions|"
        r"registration_create)$",
        everyone(SERVED),
    ),
    # Signing in: a signed-in user is sent on to the dashboard.
    (r"^wagtailadmin_login$", {**everyone(DENIED), "anonymous": SERVED, "company": SERVED}),
    (
        r"^wagtailadmin_(password_reset|password_reset_done|password_reset_confirm|"
        r"password_reset_complete|javascript_catalog|sprite)$",
        everyone(SERVED),
    ),
    # Signing out (requested last, see below).
    (r"^wagtailadmin_logout$", admin(LOGIN, LOGIN, LOGIN, LOGIN)),
    # Wagtail's deliberate error page ("failwhale"), for testing error reporting.
    (r"^wagtailadmin_error_test$", admin(ERROR, ERROR, ERROR, ERROR)),
    # The admin's catch-all: a path the admin does not have.
    (r"^admin/\^\.\*/\$$", admin(MISSING, MISSING, MISSING, MISSING)),
    # Partners and their registrations hold the contact persons' personal data.
    # Deleting a partner: superusers only (partner managers withdraw, they do not delete).
    (r"^wagtailsnippets_partners_partner:delete$", SUPERUSER_ONLY),
    (r"^wagtailsnippets_partners_partner:", PARTNER_DATA),
    (r"^wagtailsnippetchoosers_partners_partner:", PARTNER_DATA),
    # Registrations come from the public form only: nobody adds, edits or creates one by hand,
    # and they are used nowhere; deleting and the history are for superusers.
    (r"^wagtailsnippets_partners_partnerregistration:(add|edit|usage)$", NOBODY),
    (r"^wagtailsnippetchoosers_partners_partnerregistration:create$", NOBODY),
    (
        r"^wagtailsnippets_partners_partnerregistration:(delete|history|history_results)$",
        SUPERUSER_ONLY,
    ),
    (r"^wagtailsnippets_partners_partnerregistration:", PARTNER_DATA),
    (r"^wagtailsnippetchoosers_partners_partnerregistration:", PARTNER_DATA),
    # Places offered and schools' requests, read-only (partners/places/admin.py): partner
    # managers read them; adding, editing, deleting and the history are refused to everyone.
    (r"^(places_years|place_requests):(index|index_results|inspect)$", PARTNER_DATA),
    (r"^(places_years|place_requests):", NOBODY),
    # The shortage reports (places.view_shortage_report): partner managers and superusers.
    (r"^places_reports:", PARTNER_DATA),
    # Data subject requests: export and erase a contact person's data.
    (r"^partners_personal_data$", PARTNER_DATA),
    # The directory's taxonomies: changed by developers through data migrations; editing forms
    # choose from them.
    (
        r"^wagtailsnippets_partners_(sector|province|studydomain|educationform|"
        r"workplacelearningkind):",
        SUPERUSER_ONLY,
    ),
    (r"^wagtailsnippetchoosers_partners_\w+:create$", SUPERUSER_ONLY),
    (r"^wagtailsnippetchoosers_partners_\w+:", ALL_STAFF),
    # Guides' glossary: editors write terms, moderators also delete them; topics are kept by
    # moderators (editors only choose them).
    (r"^wagtailsnippets_guides_term:delete$", MODERATION),
    (r"^wagtailsnippets_guides_term:", EDITORIAL),
    (r"^wagtailsnippetchoosers_guides_term:create$", EDITORIAL),
    (r"^wagtailsnippets_guides_topic:(list|list_results)$", EDITORIAL),
    (r"^wagtailsnippets_guides_topic:", MODERATION),
    (r"^wagtailsnippetchoosers_guides_topic:create$", MODERATION),
    (r"^wagtailsnippetchoosers_guides_\w+:", ALL_STAFF),
    # The snippets index lists no model: every snippet has its own menu item.
    (r"^wagtailsnippets:index$", NOBODY),
    # Choosing a task or a promoted search query inside an editing form (names only).
    (
        r"^wagtailadmin_workflows:task_choo|^wagtailadmin_workflows:task_chosen$|"
        r"^wagtailsearchpromotions:chooser",
        ALL_STAFF,
    ),
    # Known upstream bug (Wagtail 8.0.1): an empty POST to the redirect import's second step
    # raises KeyError ("import_file_name") in the form's clean(). Reachable only for users who
    # may manage redirects (superusers here); everyone else is refused.
    (r"^wagtailredirects:process_import$", admin(DENIED, DENIED, DENIED, ERROR)),
    # The second step of signing in: every admin user (those who need it are sent there).
    (r"^two_factor_(verify|enrol)$", ALL_STAFF),
    # Blocked sign-ins (django-axes): superusers lift them; nobody adds or edits one by hand.
    (r"^lockouts:(add|edit|usage)$", NOBODY),
    (r"^lockouts:", SUPERUSER_ONLY),
    # Site settings (the navigation) have no preview: 404 for the one who may edit them.
    (r"^wagtailsettings:preview_on_edit$", admin(DENIED, DENIED, DENIED, MISSING)),
    # Collections: a collection outside those the user may manage is not found (Wagtail's
    # delete view looks it up among them).
    (r"^wagtailadmin_collections:delete$", admin(MISSING, MISSING, MISSING, SERVED)),
    # Site administration: superusers only.
    (
        r"^(wagtailusers_users|wagtailusers_groups|wagtailsites|wagtailsettings|"
        r"wagtailadmin_workflows|wagtailredirects|wagtailsearchpromotions|"
        r"wagtailadmin_collections):",
        SUPERUSER_ONLY,
    ),
    # Pages, tried on two (see PAGE_VARIANTS). Wagtail answers a page that is not an alias with
    # 404, whoever asks: nothing to convert. The revisions index only redirects to the page's
    # history, which checks.
    (r"^wagtailadmin_pages:convert_alias@\w+$", admin(MISSING, MISSING, MISSING, MISSING)),
    (r"^wagtailadmin_pages:revisions_index@\w+$", ALL_STAFF),
    # Choosing where to add a page of a type lists only the pages where the user may add it;
    # a page type's usage and the page search are for the editorial groups.
    (r"^wagtailadmin_pages:choose_parent@\w+$", ALL_STAFF),
    (r"^wagtailadmin_pages:(type_use|type_use_results)@\w+$", EDITORIAL),
    (r"^wagtailadmin_pages:(search|search_results)$", EDITORIAL),
    # The home page: superusers only. The guide: editors edit, moderators also publish, move,
    # delete and approve (GroupPagePermission on the guides section, guides/editorial.py).
    (r"^wagtailadmin_pages:.*@home$", SUPERUSER_ONLY),
    (
        r"^wagtailadmin_pages:(delete|unpublish|move|move_confirm|set_page_position|set_privacy|"
        r"lock|unlock|revisions_unschedule|workflow_action|collect_workflow_action_data|"
        r"workflow_preview)@guide$",
        MODERATION,
    ),
    # Wagtail 8 shows the "this will cancel the workflow" confirmation (the workflow's and the
    # task's names) to any admin user; cancelling happens only on publishing, which is checked.
    (r"^wagtailadmin_pages:confirm_workflow_cancellation@guide$", ALL_STAFF),
    (r"^wagtailadmin_pages:", EDITORIAL),
    # The explorer: editors and moderators are sent on to the guides section.
    (r"^wagtailadmin_explore", EDITORIAL),
    # The admin API: pages the user may see (a partner manager sees none: 404, not 403, so
    # the API does not say which pages exist); publishing again: superusers.
    (r"^wagtailadmin_api:pages:(detail@\w+|find)$", admin(SERVED, SERVED, MISSING, SERVED)),
    (r"^wagtailadmin_api:pages:action$", admin(DENIED, DENIED, MISSING, SERVED)),
    (r"^wagtailadmin_api:", ALL_STAFF),
    # The page chooser: every admin user chooses links.
    (r"^wagtailadmin_choose_page", ALL_STAFF),
    # Images in the root collection: everyone adds and chooses them; moderators change them.
    (
        r"^wagtailimages:(edit|delete|preview|image_usage|edit_multiple|delete_multiple)$",
        MODERATION,
    ),
    # A bulk action's confirmation lists the chosen images the user may not act on; nothing
    # happens without the POST, which checks each image.
    (r"^wagtail_bulk_action$", ALL_STAFF),
    # Known upstream bug (Wagtail 8.0.1): an empty POST to finish a document upload raises
    # ValueError (the model's "file" error added to a form without that field). Only the
    # uploader reaches it (the superuser here); the admin's upload script always sends a title.
    (
        r"^wagtaildocs:create_multiple_from_uploaded_document$",
        admin(DENIED, DENIED, DENIED, ERROR),
    ),
    # An upload is finished or dropped only by the user who uploaded it (the superuser here).
    (
        r"^(wagtailimages|wagtaildocs):(create_multiple_from_uploaded_\w+|delete_upload_multiple)$",
        SUPERUSER_ONLY,
    ),
    # Wagtail's URL generator needs the dynamic image serve view, which the portal does not
    # mount: 404 for everyone.
    (r"^wagtailimages:url_generator", admin(MISSING, MISSING, MISSING, MISSING)),
    (r"^wagtailimages", ALL_STAFF),
    # Documents: the editorial groups; partner managers have none.
    (r"^wagtaildocs:(edit|delete|edit_multiple|delete_multiple|document_usage)$", MODERATION),
    (r"^wagtaildocs_chooser:(choose|choose_results|chosen|chosen_multiple)$", ALL_STAFF),
    (r"^wagtaildocs", EDITORIAL),
    # Editing sessions of a partner: 404 to those who may not edit it (Wagtail does not say
    # that it exists).
    (r"^wagtailadmin_editing_sessions:ping$", admin(MISSING, MISSING, SERVED, SERVED)),
    # Reports: the editorial ones to the editorial groups, the locked pages to those who
    # may unlock them.
    (r"^wagtailadmin_reports:locked_pages", MODERATION),
    (r"^wagtailadmin_reports:(workflow|aging_pages|page_types_usage)", EDITORIAL),
    (r"^guides_stale_(chapters_)?report", EDITORIAL),
    # The rest of the admin: dashboard, account, choosers, site history, search reports.
    (
        r"^(wagtailadmin_(home|account|dismissibles|tag_autocomplete|tag_model_autocomplete|"
        r"block_preview)$|wagtailadmin_reports:site_history|wagtailadmin_editing_sessions:release$|"
        r"search_reports:|guides_style_sheet$|wagtailembeds:|admin/test404/$)",
        ALL_STAFF,
    ),
]


def rule_for(name):
    for pattern, expected in RULES:
        if re.search(pattern, name):
            return expected
    return None


def outcome(response):
    status = response.status_code
    if status >= 500:
        return ERROR
    if status == 403:
        return DENIED
    if status == 404:
        return MISSING
    if status in (301, 302):
        location = response["Location"].split("?")[0]
        if location.endswith("/admin/login/") or location.endswith("/_util/login/"):
            return LOGIN
        if location == "/admin/":
            return DENIED
    return SERVED


@pytest.fixture
def world(site_tree, django_user_model, django_capture_on_commit_callbacks):
    """One real object of every kind an admin URL takes, and the users.

    A draft and a live partner (with a management link), a registration waiting for its address
    to be verified and one in review (its partner in the registration workflow), a guide in the
    guides' moderation workflow, an image, a document, uploads, a glossary term and a topic, a
    collection, a redirect, a promoted search, a blocked sign-in, places offered and asked, and
    the users. Every URL parameter of the matrix names one of these, so a 404 is never an object
    that does not exist.
    """
    import wagtail_factories
    from axes.models import AccessAttempt

    from django.contrib.contenttypes.models import ContentType
    from django.core.files.base import ContentFile

    from wagtail.admin.models import EditingSession
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        PageViewRestriction,
        UploadedFile,
        Workflow,
    )

    from guides.models import Term, Topic
    from partners.places import services as places
    from partners.places.forms import PlaceRequestForm
    from partners.places.models import PlaceRequest, PlacesYear
    from tests.guides.factories import GuidePageFactory

    draft = PartnerFactory(
        name="Verborgen Ontwerp BV", contact_email="geheim-ontwerp@bedrijf.example"
    )
    draft_revision = draft.save_revision()
    live = published_partner(name="Open Partner NV", contact_email="geheim-live@bedrijf.example")
    other = published_partner(name="Andere Partner NV")
    key = PartnerAccessKey.issue(live)
    PartnerAccessKey.issue(other)
    registration, _created = services.create_registration(
        helpers.registration_data(contact_email="geheim-registratie@bedrijf.example")
    )
    users = {}
    for role, group in GROUPS.items():
        user = django_user_model.objects.create_user(username=role, password="unused-123")
        user.groups.add(Group.objects.get(name=group))
        users[role] = user
    # A confirmed saved search (partners/alerts): its address and query are never public.
    saved_search = SavedSearch.objects.create(
        email="geheim-zoekopdracht@school.example", query="q=geheimezoekterm"
    )
    alert_services.confirm(saved_search)
    users["superuser"] = django_user_model.objects.create_superuser(
        username="root", password="unused-123", email="root@werkplekportaal.example"
    )
    root = users["superuser"]

    # A registration in review: a new partner with a revision in the registration workflow.
    with django_capture_on_commit_callbacks(execute=True):
        submitted, _created = services.create_registration(
            helpers.registration_data(
                name="Nagekeken Partner BV", contact_email="in-review@bedrijf.example"
            )
        )
        services.verify_registration(submitted.public_id)
    submitted.refresh_from_db()
    reviewed = submitted.partner
    partner_state = reviewed.current_workflow_state
    assert partner_state is not None, "the registration workflow did not start"

    # A guide the editors may edit, submitted to the guides' moderation workflow.
    guide = GuidePageFactory(parent=site_tree["guides"], title="Gids in moderatie")
    guide_revision = guide.save_revision(user=users["editor"])
    guide_workflow = guide.get_workflow()
    guide_state = guide_workflow.start(guide, users["editor"])
    home_revision = site_tree["home"].save_revision(user=root)

    # In the root collection, where the editorial groups and partner managers have their image
    # and document permissions (guides migration 0004, partners migration 0005).
    root_collection = Collection.get_first_root_node()
    image = wagtail_factories.ImageFactory(title="Logo van de test", collection=root_collection)
    # Deleted by the multiple-upload "delete" view: an object of its own.
    disposable_image = wagtail_factories.ImageFactory(
        title="Weg te gooien", collection=root_collection
    )
    Document = get_document_model()
    document = Document.objects.create(
        title="Handleiding", file=ContentFile(b"%PDF-1.4 test", name="handleiding.pdf")
    )
    disposable_document = Document.objects.create(
        title="Weg te gooien", file=ContentFile(b"%PDF-1.4 weg", name="weg.pdf")
    )

    def upload(model, name):
        # An upload of the superuser's that the multiple-upload form has not saved yet.
        return UploadedFile.objects.create(
            file=ContentFile(b"upload", name=name),
            for_content_type=ContentType.objects.get_for_model(model),
            uploaded_by_user=root,
        )

    term = Term.objects.create(term="werkplekleren", definition="Leren op de werkplek.")
    topic = Topic.objects.first() or Topic.objects.create(name="Onderwerp", slug="onderwerp")
    collection = root_collection.add_child(name="Testcollectie")
    # Password-protected: a document in the collection and the guide.
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="geheim-wachtwoord"
    )
    page_restriction = PageViewRestriction.objects.create(
        page=guide, restriction_type="password", password="geheim-wachtwoord"
    )
    redirect = Redirect.objects.create(old_path="/oude-pagina", redirect_link="/")
    query = Query.get("stage")
    SearchPromotion.objects.create(
        query=query, external_link_url="https://example.org/", external_link_text="Stage"
    )
    lockout = AccessAttempt.objects.create(
        username="geblokkeerd",
        ip_address="192.0.2.10",
        user_agent="test",
        failures_since_start=10,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/admin/login/",
    )
    places.save_places(
        live,
        [
            {
                "kind": "leerlingenstage",
                "study_domain": "stem",
                "places": 2,
                # Autumn: no match for the places test below, which asks for February.
                "first_month": 9,
                "last_month": 10,
            }
        ],
    )
    school = published_partner(name="School Matrix (fictief)", kind="school")
    form = PlaceRequestForm(
        {
            "kind": "leerlingenstage",
            "study_domain": "stem",
            "learners": "2",
            "first_month": "9",
            "last_month": "9",
            "place": "9000",
            "radius_km": "50",
        }
    )
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        places.post_request(school, form.request_data())
    site = Site.objects.get(is_default_site=True)
    editing_session = EditingSession.objects.create(
        user=root,
        content_type=ContentType.objects.get_for_model(reviewed),
        object_id=str(reviewed.pk),
        last_seen_at=timezone.now(),
    )
    return {
        "directory": site_tree["directory"],
        "home": site_tree["home"],
        "home_revision": home_revision,
        "guide": guide,
        "guide_revision": guide_revision,
        "guide_workflow": guide_workflow,
        "guide_state": guide_state,
        "draft": draft,
        "draft_revision": draft_revision,
        "live": live,
        "other": other,
        "token": tokens.make_manage_token(key),
        "registration": registration,
        "reviewed": reviewed,
        "partner_state": partner_state,
        "saved_search": saved_search,
        "users": users,
        "image": image,
        "disposable_image": disposable_image,
        "image_upload": upload(get_image_model(), "upload.png"),
        "disposable_image_upload": upload(get_image_model(), "weg.png"),
        "document": document,
        "disposable_document": disposable_document,
        "document_upload": upload(Document, "upload.pdf"),
        "disposable_document_upload": upload(Document, "weg.pdf"),
        "term": term,
        "topic": topic,
        "collection": collection,
        "redirect": redirect,
        "query": query,
        "lockout": lockout,
        "places_year": PlacesYear.objects.get(partner=live),
        "place_request": PlaceRequest.objects.get(school=school),
        "site": site,
        "workflow": Workflow.objects.get(pk=guide_workflow.pk),
        "editing_session": editing_session,
        "collection_restriction": collection_restriction,
        "page_restriction": page_restriction,
    }


# Page URLs are requested for two pages: the home page, which only superusers may change, and
# a guide in moderation, which editors and moderators may change (GroupPagePermission on the
# guides section, guides/editorial.py). Their rules match "name@home" and "name@guide".
PAGE_VARIANTS = ("home", "guide")
# Moderation URLs exist only for a page in a workflow: the guide.
GUIDE_ONLY = re.compile(
    r"^wagtailadmin_pages:(workflow_action|collect_workflow_action_data|"
    r"confirm_workflow_cancellation|workflow_preview|workflow_history_detail)$"
)


def page_variants(name):
    if GUIDE_ONLY.search(name):
        return ("guide",)
    if re.search(
        r"^(wagtailadmin_pages:|wagtailadmin_explore|wagtailadmin_choose_page_child$|"
        r"wagtailadmin_api:pages:detail$)",
        name,
    ):
        return PAGE_VARIANTS
    return (None,)


def parameter_values(world, variant=None):
    """Values for the URL parameters: a real object of the URL's own kind, always."""

    def values_for(name):
        values = {
            "int": 0,  # a parameter no rule below names: the matrix fails on it (see test)
            "str": "onbekend",
            "language": "en",
            "token": "onbekend",
        }
        if variant is not None:
            page = world[variant]
            revision = world[f"{variant}_revision"]
            parent = page.get_parent()
            values.update(
                page_id=page.pk,
                parent_page_id=page.pk,
                pk=page.pk,
                page_pk=page.pk,
                page_to_move_id=page.pk,
                # Moving a page to where it already is: the confirmation page, nothing moves.
                destination_id=parent.pk,
                revision_id=revision.pk,
                revision_id_a=revision.pk,
                revision_id_b="latest",
                # Adding a page of a type the parent takes: a chapter under the guide, a
                # content page under the home page.
                content_type_app_name="guides" if variant == "guide" else "portal",
                content_type_model_name="guidechapterpage" if variant == "guide" else "contentpage",
                app_label="guides" if variant == "guide" else "portal",
                model_name="guidechapterpage" if variant == "guide" else "contentpage",
            )
            if variant == "guide":
                state = world["guide_state"]
                values.update(
                    action_name="approve",
                    task_state_id=state.current_task_state.pk,
                    task_id=state.current_task_state.task_id,
                    workflow_state_id=state.pk,
                )
            return values
        for kind, prefix in (
            ("image", "wagtailimages"),
            ("document", "wagtaildocs"),
        ):
            if name.startswith(prefix) or name.startswith(f"wagtailadmin_api:{kind}s:"):
                obj = world[kind]
                if name.endswith(("delete_multiple", "delete_upload_multiple")):
                    obj = world[f"disposable_{kind}"]
                upload = world[f"{kind}_upload"]
                if name.endswith("delete_upload_multiple"):
                    upload = world[f"disposable_{kind}_upload"]
                values.update(
                    pk=obj.pk,
                    image_id=obj.pk,
                    document_id=obj.pk,
                    doc_id=obj.pk,
                    uploaded_file_id=upload.pk,
                    filter_spec="fill-100x100",
                )
        if "partners_partnerregistration" in name:
            values["pk"] = world["registration"].pk
        elif "partners_partner:" in name or name.startswith("wagtailsnippetchoosers_partners_p"):
            partner, state = world["reviewed"], world["partner_state"]
            values.update(
                pk=partner.pk,
                revision_id=partner.latest_revision.pk,
                revision_id_a=partner.latest_revision.pk,
                revision_id_b="latest",
                action_name="approve",
                task_state_id=state.current_task_state.pk,
                task_id=state.current_task_state.task_id,
                workflow_state_id=state.pk,
            )
        taxonomies = {
            "sector": "partners.Sector",
            "province": "partners.Province",
            "studydomain": "partners.StudyDomain",
            "educationform": "partners.EducationForm",
            "workplacelearningkind": "partners.WorkplaceLearningKind",
        }
        match = re.search(r"_partners_(\w+):", name)
        if match and match[1] in taxonomies:
            from django.apps import apps

            values["pk"] = apps.get_model(taxonomies[match[1]]).objects.order_by("pk").first().pk
        objects = {
            "wagtailsnippets_guides_term:": world["term"],
            "wagtailsnippetchoosers_guides_term:": world["term"],
            "wagtailsnippets_guides_topic:": world["topic"],
            "wagtailsnippetchoosers_guides_topic:": world["topic"],
            "wagtailadmin_collections:": world["collection"],
            "lockouts:": world["lockout"],
            "places_years:": world["places_year"],
            "place_requests:": world["place_request"],
            "wagtailsites:": world["site"],
            "wagtailusers_users:": world["users"]["editor"],
            "wagtailusers_groups:": Group.objects.get(name=GROUPS["editor"]),
        }
        for prefix, obj in objects.items():
            if name.startswith(prefix):
                values["pk"] = obj.pk
                values["collection_id"] = obj.pk
        if name.startswith("wagtailadmin_workflows:"):
            workflow = world["guide_workflow"]
            task = world["guide_state"].current_task_state.task
            values.update(
                pk=task.pk if "task" in name else workflow.pk,
                task_id=task.pk,
                # Removing a workflow from a page that has none: nothing changes.
                page_pk=world["home"].pk,
                workflow_pk=workflow.pk,
                app_label="wagtailcore",
                model_name="groupapprovaltask",
            )
        if name.startswith("wagtailredirects:"):
            values["redirect_id"] = world["redirect"].pk
        if name.startswith("wagtailsearchpromotions:"):
            values["query_id"] = world["query"].pk
        if name.startswith("wagtailsettings:"):
            values.update(app_name="portal", model_name="navigationsettings", pk=world["site"].pk)
        if name.startswith("wagtailadmin_editing_sessions:"):
            values.update(
                app_label="partners",
                model_name="partner",
                object_id=world["reviewed"].pk,
                session_id=world["editing_session"].pk,
            )
        if name == "wagtailadmin_tag_model_autocomplete":
            values.update(app_name="taggit", model_name="tag")
        if name == "wagtail_bulk_action":
            values.update(app_label="wagtailimages", model_name="image", action="delete")
        if name == "wagtailadmin_api:pages:action":
            # Publishing the home page again: only a superuser may; nothing changes for anyone.
            values.update(pk=world["home"].pk, action_name="publish")
        if name == "api:partner_detail":
            values["id"] = world["live"].pk
        if name == "alert_one_click_unsubscribe":
            values["token"] = "onbekend"
        if name == "wagtaildocs_authenticate_with_password":
            values["restriction_id"] = world["collection_restriction"].pk
        if name == "wagtailcore_authenticate_with_password":
            values.update(
                page_view_restriction_id=world["page_restriction"].pk, page_id=world["guide"].pk
            )
        return values

    return values_for


def client_for(role, world):
    client = Client(raise_request_exception=False)
    if role == "company":
        # A company has used its management link in this browser: nothing more.
        directory = world["directory"]
        manage = directory.url + directory.reverse_subpage("manage", args=[world["token"]])
        assert client.get(manage).status_code == 200
    elif role != "anonymous":
        sign_in(client, world["users"][role])
    return client


def special_paths(world):
    """Paths that need a query string or a file name the URL pattern does not carry."""
    from wagtail.blocks import Block

    home, image, document = world["home"].pk, world["image"].pk, world["document"].pk
    return {
        "wagtaildocs_serve": world["document"].url,
        "wagtailadmin_api:pages:find": f"/admin/api/main/pages/find/?id={home}",
        "wagtailadmin_api:images:find": f"/admin/api/main/images/find/?id={image}",
        "wagtailadmin_api:documents:find": f"/admin/api/main/documents/find/?id={document}",
        "wagtail_bulk_action": f"/admin/bulk/wagtailimages/image/delete/?id={image}",
        "wagtailadmin_block_preview": "/admin/block-preview/?id="
        + next(iter(Block.definition_registry)),
    }


def matrix_endpoints(world):
    """(rule name, path) for every URL: page URLs once for each page they are tried on (a page
    URL without a page in it, such as the search or a page type's usage, once)."""
    special = special_paths(world)
    endpoints = []
    for endpoint in urlmap.endpoints(parameter_values(world)):
        variants = page_variants(endpoint.name)
        if variants == (None,):
            endpoints.append((endpoint.name, special.get(endpoint.name, endpoint.path)))
            continue
        paths = {
            variant: urlmap.concrete(
                endpoint.route, parameter_values(world, variant)(endpoint.name)
            )
            for variant in variants
        }
        if len(set(paths.values())) == 1 and len(paths) > 1:
            endpoints.append((endpoint.name, paths["home"]))
        else:
            endpoints.extend(
                (f"{endpoint.name}@{variant}", path) for variant, path in paths.items()
            )
    return endpoints


# One test per role: each signs in once (the staff roles with a real TOTP code) and requests
# every URL; six short tests rather than one that outlives the per-test timeout on a busy machine.
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_url_gives_each_role_what_the_matrix_says(world, role):
    endpoints = matrix_endpoints(world)
    unknown = sorted({name for name, _path in endpoints if rule_for(name) is None})
    assert not unknown, f"URLs without a rule in the permission matrix: {unknown}"
    # A URL parameter that no object of the world fills is 0 (see parameter_values): it
    # could only answer 404, which proves nothing.
    unfilled = [path for _name, path in endpoints if re.search(r"/0(/|$)", path)]
    assert not unfilled, f"URL parameters without a real object: {unfilled}"
    # Signing out ends the session: last.
    endpoints.sort(key=lambda e: e[0] == "wagtailadmin_logout")
    mismatches = []
    client = client_for(role, world)
    for name, path in endpoints:
        expected = rule_for(name)[role]
        response = client.get(path)
        if response.status_code == 405:
            # A view that only takes POST: its permission check must hold for POST.
            response = client.post(path)
        got = outcome(response)
        if got != expected:
            mismatches.append(
                f"{role} {path} ({name}): {got} {response.status_code}, expected {expected}"
            )
    assert not mismatches, "\n".join(mismatches)


# The page tree and the routes of routable pages


# Route name of a routable page -> (parameters, status for an anonymous visitor). "token" is
# filled with a management link of a live partner where the route is a management route.
PAGE_ROUTES = {
    "guideindexpage:index_route": ({}, 200),
    "guideindexpage:topic": ({"slug": "bestaat-niet"}, 404),
    # The world's guide is behind a password: each route answers with the password form.
    "guidepage:index_route": ({}, 200),
    "guidepage:print": ({}, 200),
    "guidepage:pdf": ({}, 200),
    "partnerdirectorypage:index": ({}, 200),
    "partnerdirectorypage:index_route": ({}, 200),
    "partnerdirectorypage:csv": ({}, 200),
    "partnerdirectorypage:register": ({}, 200),
    "partnerdirectorypage:register_done": ({}, 200),
    "partnerdirectorypage:register_verify": ({"token": "niet-geldig"}, 400),
    "partnerdirectorypage:register_new_link": ({}, 200),
    "partnerdirectorypage:manage": ({"token": "niet-geldig"}, 404),
    "partnerdirectorypage:manage_update": ({"token": "niet-geldig"}, 404),
    "partnerdirectorypage:manage_withdraw": ({"token": "niet-geldig"}, 404),
    "partnerdirectorypage:manage_places": ({"token": "niet-geldig"}, 404),
    "partnerdirectorypage:manage_requests": ({"token": "niet-geldig"}, 404),
    "partnerdirectorypage:manage_request": (
        {"token": "niet-geldig", "request_id": "00000000-0000-4000-8000-000000000000"},
        404,
    ),
    "partnerdirectorypage:request_answer": ({"token": "niet-geldig"}, 404),
    "partnerdirectorypage:shortage": ({}, 200),
    "partnerdirectorypage:alert_new": ({}, 200),
    "partnerdirectorypage:alert_sent": ({}, 200),
    "partnerdirectorypage:alert_confirm": ({"token": "niet-geldig"}, 404),
    "partnerdirectorypage:alert_unsubscribe": ({"token": "niet-geldig"}, 404),
    "partnerdirectorypage:partner": ({"slug": "bestaat-niet"}, 404),
    "partnerdirectorypage:partner_contact": ({"slug": "bestaat-niet"}, 404),
    "searchpage:index_route": ({}, 200),
    "searchpage:results": ({}, 200),
    "searchpage:suggest": ({}, 200),
}


def routes_of(page):
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    if not isinstance(page, RoutablePageMixin):
        return []
    return [pattern.name for pattern in page.get_resolver().url_patterns]


@pytest.mark.django_db
def test_every_page_and_route_answers_the_public_as_expected(world):
    from wagtail.models import Page

    client = Client(raise_request_exception=False)
    problems = []
    for page in Page.objects.filter(depth__gt=1).specific():
        url = page.get_url()
        if url is None:
            continue
        status = client.get(url).status_code
        expected = 200 if page.live else 404
        if status != expected:
            problems.append(f"{url}: {status}, expected {expected}")
        for name in routes_of(page):
            key = f"{page._meta.model_name}:{name}"
            if key not in PAGE_ROUTES:
                problems.append(f"{url}: route {key!r} has no rule in PAGE_ROUTES")
                continue
            kwargs, expected = PAGE_ROUTES[key]
            route = url + page.reverse_subpage(name, kwargs=kwargs)
            status = client.get(route).status_code
            if status != expected:
                problems.append(f"{route}: {status}, expected {expected}")
    assert not problems, "\n".join(problems)


def private_values(world):
    """What must never reach the public: contact data and the draft's existence."""
    return [
        world["draft"].name,
        world["draft"].contact_email,
        world["live"].contact_email,
        world["live"].contact_phone,
        world["live"].contact_name,
        world["registration"].contact_email,
        world["saved_search"].email,
        "geheimezoekterm",
    ]


@pytest.mark.django_db
def test_unpublished_partners_and_contact_data_never_reach_the_public(world):
    client = Client()
    directory, draft, live = world["directory"], world["draft"], world["live"]
    partner_url = directory.url + directory.reverse_subpage("partner", args=[draft.slug])
    assert client.get(partner_url).status_code == 404
    detail = client.get(f"/api/partners/{draft.pk}/")
    assert detail.status_code == 404
    assert detail["Content-Type"].startswith("application/json")
    public = [
        directory.url,
        directory.url + "?q=Verborgen",
        directory.url + directory.reverse_subpage("csv"),
        directory.url + directory.reverse_subpage("partner", args=[live.slug]),
        "/api/partners/",
        "/api/partners/?q=Verborgen",
        f"/api/partners/{live.pk}/",
        "/zoeken/?q=Verborgen",
        "/sitemap.xml",
        directory.url + directory.reverse_subpage("shortage"),
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        for value in private_values(world):
            assert value not in body.decode(), f"{value!r} is shown at {url}"


@pytest.mark.django_db
def test_staff_without_partner_rights_cannot_see_drafts_or_registrations(world):
    from django.urls import reverse

    urls = [
        reverse("wagtailsnippets_partners_partner:edit", args=[world["draft"].pk]),
        reverse("wagtailsnippets_partners_partner:list"),
        reverse("wagtailsnippets_partners_partnerregistration:list"),
        reverse(
            "wagtailsnippets_partners_partnerregistration:inspect",
            args=[world["registration"].pk],
        ),
        reverse("wagtailsnippetchoosers_partners_partner:choose"),
        reverse("wagtailsnippetchoosers_partners_partnerregistration:choose_results"),
        reverse(
            "wagtailsnippetchoosers_partners_partnerregistration:chosen",
            args=[world["registration"].pk],
        ),
    ]
    for role in ("editor", "moderator"):
        client = client_for(role, world)
        for url in urls:
            response = client.get(url, follow=True)
            body = response.content.decode()
            for value in private_values(world):
                assert value not in body, f"{role} sees {value!r} at {url}"
    manager = client_for("partner_manager", world)
    listing = manager.get(reverse("wagtailsnippets_partners_partnerregistration:list"))
    assert world["registration"].contact_email in listing.content.decode()


# The management link


def manage_url(world, name, token):
    directory = world["directory"]
    return directory.url + directory.reverse_subpage(name, args=[token])


@pytest.mark.django_db
def test_a_management_link_works_for_its_own_partner_only(world):
    client = Client()
    own = client.get(manage_url(world, "manage", world["token"]))
    assert own.status_code == 200
    assert world["live"].name in own.content.decode()
    assert world["other"].name not in own.content.decode()
    # The other partner's id with this link's nonce, signed properly: still refused, because
    # the nonce belongs to the first partner's key.
    from django.core import signing

    nonce = PartnerAccessKey.objects.get(partner=world["live"]).nonce
    forged = tokens._for_path(
        signing.Signer(salt=tokens.MANAGE_SALT).sign(f"{world['other'].pk}.{nonce}")
    )
    # And a link whose signature does not match (the id changed by hand).
    tampered = tokens._for_path(
        signing.Signer(salt="een-ander-doel").sign(f"{world['other'].pk}.{nonce}")
    )
    for token in (forged, tampered, world["token"][:-2], "x" * 400):
        for name in (
            "manage",
            "manage_update",
            "manage_withdraw",
            "manage_places",
            "manage_requests",
        ):
            response = client.get(manage_url(world, name, token))
            assert response.status_code == 404, (name, token)
            assert world["other"].name not in response.content.decode()
            response = client.post(manage_url(world, name, token), {"action": "confirm"})
            assert response.status_code == 404, (name, token)


@pytest.mark.django_db
def test_a_management_link_stops_working_after_withdrawal(world, mailoutbox):
    client = Client()
    response = client.post(manage_url(world, "manage_withdraw", world["token"]))
    assert response.status_code == 200
    world["live"].refresh_from_db()
    assert not world["live"].live
    for name in ("manage", "manage_update", "manage_withdraw"):
        assert client.get(manage_url(world, name, world["token"])).status_code == 404
        assert client.post(manage_url(world, name, world["token"])).status_code == 404
    directory = world["directory"]
    page = directory.url + directory.reverse_subpage("partner", args=[world["live"].slug])
    assert client.get(page).status_code == 404
    assert client.get(f"/api/partners/{world['live'].pk}/").status_code == 404


# Places asked: schools and partners kept apart


@pytest.mark.django_db
def test_places_urls_keep_schools_and_partners_apart(world, django_capture_on_commit_callbacks):
    """A school reaches only its own requests; a partner's answer link shows its own answer and
    messages, never another partner's; a company's link posts no requests; every places URL
    with a wrong or borrowed link is the same 404."""
    from partners.places import services as places
    from partners.places.forms import PlaceRequestForm
    from partners.places.models import RequestMessage

    offer = {
        "kind": "leerlingenstage",
        "study_domain": "stem",
        "places": 2,
        "first_month": 2,
        "last_month": 3,
    }
    first = published_partner(name="Eerste Bedrijf (fictief)", contact_email="a@a.example")
    second = published_partner(name="Tweede Bedrijf (fictief)", contact_email="b@b.example")
    for company in (first, second):
        places.save_places(company, [offer])
    school = published_partner(name="School Een (fictief)", kind="school")
    other_school = published_partner(name="School Twee (fictief)", kind="school")
    school_token = tokens.make_manage_token(PartnerAccessKey.issue(school))
    other_token = tokens.make_manage_token(PartnerAccessKey.issue(other_school))
    form = PlaceRequestForm(
        {
            "kind": "leerlingenstage",
            "study_domain": "stem",
            "learners": "2",
            "first_month": "2",
            "last_month": "2",
            "place": "9000",
            "radius_km": "50",
            "note": "Geheime toelichting",
        }
    )
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        place_request = places.post_request(school, form.request_data())
    answers = {r.partner_id: r for r in place_request.recipients.all()}
    assert set(answers) == {first.pk, second.pk}
    places.answer_request(answers[first.pk], "vraag", "Vraag van het eerste bedrijf")
    places.answer_request(answers[second.pk], "ja", "Antwoord van het tweede bedrijf")
    assert RequestMessage.objects.count() == 2

    directory = world["directory"]
    client = Client()

    def route(name, *args):
        return directory.url + directory.reverse_subpage(name, args=list(args))

    own = client.get(route("manage_request", school_token, place_request.public_id))
    assert own.status_code == 200
    assert "Vraag van het eerste bedrijf" in own.content.decode()
    # Another school's link with this request's id: not found, nothing of it shown.
    for method in (client.get, client.post):
        response = method(route("manage_request", other_token, place_request.public_id))
        assert response.status_code == 404
        assert "Geheime toelichting" not in response.content.decode()
    assert (
        "Geheime toelichting"
        not in client.get(route("manage_requests", other_token)).content.decode()
    )
    # A company's link posts no requests.
    company_token = world["token"]
    assert client.post(route("manage_requests", company_token), {}).status_code == 403
    # Each partner's answer page: its own answer and messages only.
    for partner, mine, theirs in (
        (first, "Vraag van het eerste bedrijf", "Antwoord van het tweede bedrijf"),
        (second, "Antwoord van het tweede bedrijf", "Vraag van het eerste bedrijf"),
    ):
        page = client.get(route("request_answer", tokens.make_answer_token(answers[partner.pk])))
        body = page.content.decode()
        assert page.status_code == 200
        assert mine in body and theirs not in body
        other_name = second.name if partner == first else first.name
        assert other_name not in body
        assert "a@a.example" not in body and "b@b.example" not in body
    # A management link is no answer link, and an answer link is no management link.
    assert client.get(route("request_answer", school_token)).status_code == 404
    answer_token = tokens.make_answer_token(answers[first.pk])
    for name in ("manage", "manage_places", "manage_requests"):
        assert client.get(route(name, answer_token)).status_code == 404
    # The shortage page shows none of it.
    body = client.get(route("shortage")).content.decode()
    for text in ("Geheime toelichting", school.name, first.name, "a@a.example"):
        assert text not in body
