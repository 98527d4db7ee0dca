"""`manage.py import_partners FILE.csv`: create or update partners from a CSV file."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from partners.exchange.partner_csv import ImportFileError, PartnerImporter


class Command(BaseCommand):
    help = (
        "Creates or updates partners from a CSV file in the columns of `export_partners` (name "
        "and postcode are required; other columns may be left out and are then not changed). "
        "A row's partner is found by enterprise number, else by slug; otherwise it is new. "
        "Every row is validated like the admin form (enterprise number check digit, postcode, "
        "municipality, taxonomy slugs, ...) and reported as created, updated, unchanged or "
        "refused with the reasons. "
        "Transactions: by default the whole file is one transaction and a single refused row "
        "means nothing is saved (fix the file and run again); with --skip-invalid each row "
        "gets its own savepoint, valid rows are saved and refused rows skipped. A partner is "
        "never half-saved either way. "
        "Publishing: without --publish new partners stay drafts and changes to live partners "
        "wait as a draft revision for review; with --publish every change goes live with a "
        "revision, as an editor's publish. Use --dry-run to see the report without saving."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8; comma or semicolon separated).")
        parser.add_argument(
            "--publish", action="store_true", help="Publish the changes (with a revision)."
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Save the valid rows even when others are refused (a savepoint per row).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and report only.")
        parser.add_argument("--user", help="Username to record as the author of the revisions.")

    def handle(self, *args, file, publish, skip_invalid, dry_run, user=None, **options):
        author = None
        if user:
            try:
                author = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user {user!r}.") from None
        importer = PartnerImporter(
            publish=publish, user=author, atomic=not skip_invalid, dry_run=dry_run
        )
        try:
            with open(file, "rb") as handle:
                reports = importer.run(handle)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        except ImportFileError as error:
            raise CommandError(str(error)) from None

        totals = {}
        for report in reports:
            totals[report.action] = totals.get(report.action, 0) + 1
            line = f"line {report.line}: {report.action}"
            if report.name:
                line += f" - {report.name}"
            if report.reasons:
                line += " - " + "; ".join(report.reasons)
            style = self.style.ERROR if report.action == "refused" else str
            self.stdout.write(style(line))
        summary = ", ".join(f"{count} {action}" for action, count in sorted(totals.items()))
        self.stdout.write(f"\n{len(reports)} rows: {summary or 'none'}.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        elif importer.saved:
            self.stdout.write(self.style.SUCCESS("Saved."))
        else:
            self.stdout.write(
                self.style.ERROR(
                    "Nothing was saved: fix the refused rows, or use --skip-invalid to save "
                    "the valid ones."
                )
            )
            raise CommandError("Import refused.", returncode=1)
