"""The permission matrix: every URL of the site, requested as every kind of visitor.

The URLs come from the URL resolver (tests/security/urlmap.py): the public site, the API, the
Wagtail admin and everything added later. Each URL must match a rule below that says what each
role gets; a URL that no rule covers fails the test, so a new view cannot slip in unreviewed.
Pages come from the page tree, with the routes of routable pages (the directory's partner
pages, registration and management links) and draft partners that nobody outside the admin may
see. The outcome of a request is one of:

- SERVED: the view ran for this role (200, a redirect within what it may see, 404 for an object
  that does not exist, 405 for a method it does not take);
- LOGIN: sent to the admin's login page (an anonymous visitor);
- DENIED: a logged-in user without the permission (403, or Wagtail's redirect to the dashboard
  with "you do not have permission");
- MISSING: a 404 to a logged-in user (an object or route this role cannot see, or that
  does not exist): accepted wherever SERVED or DENIED is, since it discloses nothing;
- ERROR: a 5xx.
"""

import re

import pytest

from django.contrib.auth.models import Group
from django.test import Client

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


EITHER = frozenset({SERVED, DENIED})  # Wagtail decides per object or action; never an error


def admin(editor, moderator, partner_manager, superuser=EITHER):
    """An admin URL: the anonymous visitor and a company (which holds only its management link)
    always go to the login page. A superuser is never sent away to log in nor gets an error,
    but Wagtail may refuse an action that does not apply (adding a registration by hand,
    moving the root page)."""
    return {
        "anonymous": LOGIN,
        "company": LOGIN,
        "editor": editor,
        "moderator": moderator,
        "partner_manager": partner_manager,
        "superuser": superuser,
    }


STAFF_ONLY = admin(DENIED, DENIED, DENIED)
PARTNER_DATA = admin(DENIED, DENIED, EITHER)
GUIDE_EDITING = admin(EITHER, EITHER, DENIED)
GENERAL_ADMIN = admin(EITHER, EITHER, EITHER)

# (regular expression on the URL's qualified name, outcome per role). The first match wins.
RULES = [
    # The public site and its API: open to everyone (what they show is tested below).
    (
        r"^(healthz|robots_txt|root_icon|sitemap|set_interface_language|wagtail_serve|api_not_found|"
        r"api_docs)$",
        everyone(SERVED),
    ),
    (r"^(wagtailcore_login|wagtailcore_authenticate_with_password)$", everyone(SERVED)),
    # A saved search's List-Unsubscribe address: anyone with the signed link (a wrong one is
    # 404; what it answers and deletes is tested in tests/partners/alerts).
    (r"^alert_one_click_unsubscribe$", everyone(SERVED)),
    (r"^(wagtaildocs_serve|wagtaildocs_authenticate_with_password)$", everyone(SERVED)),
    (
        r"^api:(api-root|root|openapi-json|openapi-view|partner_list|partner_detail|place_suggestions|"
        r"registration_create)$",
        everyone(SERVED),
    ),
    # Signing in (a signed-in user is sent on to the dashboard), and the admin's static
    # helpers that the login page itself needs.
    (r"^wagtailadmin_login$", {**everyone(EITHER), "anonymous": SERVED, "company": SERVED}),
    (
        r"^wagtailadmin_(password_reset|password_reset_done|password_reset_confirm|"
        r"password_reset_complete|javascript_catalog|sprite)$",
        everyone(SERVED),
    ),
    # Signing out (requested last, see below).
    (r"^wagtailadmin_logout$", admin(LOGIN, LOGIN, LOGIN, LOGIN)),
    # Wagtail's deliberate error page ("failwhale"), for testing error reporting.
    (r"^wagtailadmin_error_test$", admin(ERROR, ERROR, ERROR, ERROR)),
    # Partners and their registrations hold the contact persons' personal data.
    (r"^wagtailsnippets_partners_(partner|partnerregistration):", PARTNER_DATA),
    (r"^wagtailsnippetchoosers_partners_(partner|partnerregistration):", PARTNER_DATA),
    # Places offered and schools' requests, read-only (partners/places/admin.py): partner
    # managers read them; adding, editing and deleting is refused to everyone.
    (r"^(places_years|place_requests):", PARTNER_DATA),
    # The shortage reports (places.view_shortage_report): partner managers and superusers.
    (r"^places_reports:", admin(DENIED, DENIED, SERVED, SERVED)),
    # Data subject requests: export and erase a contact person's data.
    (r"^partners_personal_data$", admin(DENIED, DENIED, SERVED, SERVED)),
    # The directory's taxonomies: changed by developers through data migrations.
    (
        r"^wagtailsnippets_partners_(sector|province|studydomain|educationform|"
        r"workplacelearningkind):",
        STAFF_ONLY,
    ),
    # Guides' glossary and topics: the editorial groups.
    (r"^wagtailsnippets_guides_(term|topic):", GUIDE_EDITING),
    # Choosers of reference data are used inside editing forms.
    (r"^wagtailsnippetchoosers_(partners|guides)_\w+:", GENERAL_ADMIN),
    # Choosing a task or a promoted search query inside an editing form (names only).
    (
        r"^wagtailadmin_workflows:task_choose|^wagtailadmin_workflows:task_chosen|^wagtailsearchpromotions:chooser",
        GENERAL_ADMIN,
    ),
    # Known upstream bug (Wagtail 8.0.1): an empty POST to the redirect import's second step
    # raises KeyError ("import_file_name") in the form's clean(). Reachable only for users who
    # may manage redirects (superusers here); everyone else is still refused.
    (r"^wagtailredirects:process_import$", admin(DENIED, DENIED, DENIED, {SERVED, DENIED, ERROR})),
    # The second step of signing in: every admin user (those who need it are sent there).
    (r"^two_factor_(verify|enrol)$", admin(SERVED, SERVED, SERVED, SERVED)),
    # Blocked sign-ins (django-axes): superusers lift them.
    (r"^lockouts:", admin(DENIED, DENIED, DENIED, EITHER)),
    # Site administration: superusers only.
    (
        r"^(wagtailusers_users|wagtailusers_groups|wagtailsites|wagtailsettings|"
        r"wagtailadmin_workflows|wagtailredirects|wagtailsearchpromotions):",
        STAFF_ONLY,
    ),
    # The rest of the admin: pages, images, documents, reports, choosers, account.
    (
        r"^(wagtailadmin_\w+$|wagtailadmin_(pages|reports|collections|api:\w+|"
        r"editing_sessions):|wagtailimages|wagtaildocs|wagtailembeds|wagtailforms:|"
        r"wagtail_bulk_action$|wagtailsnippets:|search_reports:|guides_stale_report|"
        r"guides_stale_chapters_report|guides_style_sheet|admin/\^|"
        r"admin/test404/$)",
        GENERAL_ADMIN,
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
def world(site_tree, django_user_model):
    """A draft and a live partner (with a management link), a registration, and the users."""
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
    return {
        "directory": site_tree["directory"],
        "home": site_tree["home"],
        "draft": draft,
        "draft_revision": draft_revision,
        "live": live,
        "other": other,
        "token": tokens.make_manage_token(key),
        "registration": registration,
        "saved_search": saved_search,
        "users": users,
    }


def parameter_values(world):
    """Values for the URL parameters: real objects where the URL's owner is known."""

    def values_for(name):
        values = {
            "int": 1,
            "str": "1",
            "slug": "x",
            "language": "en",
            "app_label": "partners",
            "app_name": "partners",
            "content_type_app_name": "partners",
            "model_name": "partner",
            "content_type_model_name": "partner",
            "action_name": "approve",
            "action": "approve",
        }
        if "partners_partnerregistration" in name:
            values["pk"] = world["registration"].pk
        elif "partners_partner:" in name or name.startswith("wagtailsnippetchoosers_partners_p"):
            values.update(pk=world["draft"].pk, revision_id=world["draft_revision"].pk)
        elif "page" in name:
            home = world["home"].pk
            values.update(
                page_id=home, parent_page_id=home, pk=home, page_pk=home, page_to_move_id=home
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


# One test per role: each signs in once (the staff roles with a real TOTP code) and requests
# every URL; six short tests rather than one that outlives the per-test timeout on a busy machine.
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_url_gives_each_role_what_the_matrix_says(world, role):
    endpoints = urlmap.endpoints(parameter_values(world))
    unknown = sorted({e.name for e in endpoints if rule_for(e.name) is None})
    assert not unknown, f"URLs without a rule in the permission matrix: {unknown}"
    # Signing out ends the session: last.
    endpoints.sort(key=lambda e: e.name == "wagtailadmin_logout")
    mismatches = []
    client = client_for(role, world)
    for endpoint in endpoints:
        expected = rule_for(endpoint.name)[role]
        response = client.get(endpoint.path)
        if response.status_code == 405:
            # A view that only takes POST: its permission check must hold for POST.
            response = client.post(endpoint.path)
        got = outcome(response)
        allowed = set(expected) if isinstance(expected, (set, frozenset)) else {expected}
        if SERVED in allowed or DENIED in allowed:
            allowed = {*allowed, MISSING}
        if got not in allowed:
            mismatches.append(
                f"{role} GET {endpoint.path} ({endpoint.name}): {got} {response.status_code}"
            )
    assert not mismatches, "\n".join(mismatches)


# The page tree and the routes of routable pages


# Route name of a routable page -> (parameters, status for an anonymous visitor). "token" is
# filled with a management link of a live partner where the route is a management route.
PAGE_ROUTES = {
    "guideindexpage:index_route": ({}, 200),
    "guideindexpage:topic": ({"slug": "bestaat-niet"}, 404),
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
