"""The directory's classifications: editable data, filled with real values by a data migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from partners import geo


class TaxonomyQuerySet(models.QuerySet):
    def by_slugs(self, slugs):
        return self.filter(slug__in=list(slugs))


class Taxonomy(models.Model):
    """A term of one of the directory's classifications (study domain, sector, ...)."""

    name = models.CharField(_("Naam"), max_length=120, help_text=_("Zoals bezoekers het lezen."))
    slug = models.SlugField(
        _("Korte naam"),
        max_length=80,
        unique=True,
        help_text=_("Wordt gebruikt in links en filters; verander dit liever niet."),
    )
    description = models.TextField(
        _("Uitleg"), blank=True, help_text=_("Eén zin die zegt wat eronder valt.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("Volgorde"), default=0, help_text=_("Lager getal = hoger in de lijst.")
    )

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class StudyDomain(Taxonomy):
    """Studiedomein of modernised secondary education (plus 'domeinoverschrijdend')."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("Studiedomein")
        verbose_name_plural = _("Studiedomeinen")


class EducationForm(Taxonomy):
    """Education form or level a partner takes learners from (finaliteit, BuSO, DBSO, HBO5...)."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("Onderwijsvorm")
        verbose_name_plural = _("Onderwijsvormen")


class WorkplaceLearningKind(Taxonomy):
    """Kind of workplace learning on offer (leerlingenstage, snuffelstage, duaal leren...)."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("Vorm van werkplekleren")
        verbose_name_plural = _("Vormen van werkplekleren")


class Sector(Taxonomy):
    """Economic sector of a partner."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("Sector")
        verbose_name_plural = _("Sectoren")


class Province(Taxonomy):
    """A province (or the Brussels-Capital Region); derived from a partner's postcode."""

    refnis_code = models.CharField(
        _("NIS-code"),
        max_length=5,
        unique=True,
        help_text=_("De code van Statbel, waarmee de provincie uit de postcode volgt."),
    )
    region = models.CharField(_("Gewest"), max_length=60)

    class Meta(Taxonomy.Meta):
        verbose_name = _("Provincie")
        verbose_name_plural = _("Provincies")

    @classmethod
    def for_postcode(cls, postcode):
        code = geo.province_code_for_postcode(postcode)
        return cls.objects.filter(refnis_code=code).first() if code else None
