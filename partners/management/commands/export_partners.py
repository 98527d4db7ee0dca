"""`manage.py export_partners`: every partner as CSV, in the columns import_partners reads."""

from django.core.management.base import BaseCommand

from partners.exchange import partner_csv as exchange


class Command(BaseCommand):
    help = (
        "Writes partners as CSV (UTF-8 with BOM, comma-separated) to stdout or --output, in the "
        "columns of the directory's download, which `import_partners` reads back: an export "
        "edited in a spreadsheet can be imported without creating duplicates. Only published "
        "partners unless --all. --include-private adds the contact person's name, role, e-mail "
        "and phone: for operators only, never publish such a file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Write to this file instead of stdout.")
        parser.add_argument(
            "--include-private",
            action="store_true",
            help="Add the private contact columns (operators only: personal data).",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="Include drafts (their live row; unpublished changes are not exported).",
        )

    def handle(self, *args, output=None, include_private=False, all=False, **options):  # noqa: A002
        partners = exchange.export_queryset()
        if not all:
            partners = partners.filter(live=True)
        lines = exchange.csv_lines(
            partners.iterator(chunk_size=2000),
            include_private=include_private,
            url_for=_partner_urls(),
        )
        if output:
            rows = -1  # the header
            with open(output, "wb") as handle:
                for line in lines:
                    handle.write(line)
                    rows += 1
            self.stderr.write(self.style.SUCCESS(f"Exported {rows} partners to {output}."))
        else:
            for line in lines:
                self.stdout.write(line.decode("utf-8"), ending="")


def _partner_urls():
    """Public page URLs when a directory page exists (a derived column; ignored on import)."""
    from partners.models import PartnerDirectoryPage

    directory = PartnerDirectoryPage.objects.live().first()
    if directory is None:
        return None
    site = directory.get_site()
    if site is None:
        return None
    root_url = site.root_url.rstrip("/")
    return lambda partner: root_url + partner.get_url_path(directory)
