from django.core.management.base import BaseCommand

from search import vocabulary


class Command(BaseCommand):
    help = (
        "Rebuild the portal's vocabulary (spelling suggestions and compound parts in the site "
        "search) from the published content. Run daily and after loading content."
    )

    def handle(self, *args, **options):
        count = vocabulary.rebuild()
        self.stdout.write(f"{count} words in the search vocabulary.")
