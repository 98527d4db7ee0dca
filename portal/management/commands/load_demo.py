"""Build the demo site: `manage.py load_demo`. Safe to run again: nothing is duplicated and
pages that exist keep their content. Prints where the site and the admin are and how to log in."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Site

from portal import demo as portal_demo


class Command(BaseCommand):
    help = (
        "Builds the demo site tree and content (idempotent) and resets the demo admin's password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin", action="store_true", help="Do not create or reset the demo admin account."
        )
        parser.add_argument(
            "--base-url",
            default=None,
            help=(
                "Where the site will be served: the default Site gets this host and port. "
                "Without it, a configured site is left as it is."
            ),
        )

    def handle(self, *args, no_admin=False, base_url=None, **options):
        with transaction.atomic():
            pages = portal_demo.load(base_url)
        # "Bedoelde je ...?" and compound parts in the site search read the published words.
        call_command("update_search_vocabulary", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready: {len(pages)} sections and pages.")
        )

        site = Site.objects.get(is_default_site=True)
        base_url = site.root_url.rstrip("/")
        self.stdout.write("")
        self.stdout.write(f"  Site:  {base_url}/")
        self.stdout.write(f"  Admin: {base_url}/admin/")
        if not no_admin:
            username, password = portal_demo.reset_admin()
            self.stdout.write(f"  Login: {username} / {password}")
            self.stdout.write("         (a new password is generated each time load_demo runs)")
            self.stdout.write(
                "         Second factor: at the first sign-in the admin shows a QR code for an\n"
                "         authenticator app (or its key to type in) and ten recovery codes."
            )
        if settings.DEBUG:
            self.stdout.write("  E-mail is written to the console (or EMAIL_FILE_PATH).")
        self.stdout.write("")
