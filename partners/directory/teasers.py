"""Partners for use outside the directory app (the guides' "partners" block).

The guides do not import the partners' models; they call these functions.
"""

from django.db.models import F


def partners_offering(kind_slug, limit=3):
    """Up to `limit` published partners offering one kind of workplace learning.

    The ones that most recently confirmed their listing come first. Each item is a dict with
    name, url, municipality and province, ready for a template. Not cached here: the chapters
    showing them are cached at the edge and purged when a partner is approved, changed or
    withdrawn (portal.signal_handlers).
    """
    limit = max(1, min(int(limit), 12))
    return _partners_offering(kind_slug, limit)


def _partners_offering(kind_slug, limit):
    from partners.models import Partner, PartnerDirectoryPage

    directory = PartnerDirectoryPage.objects.live().first()
    if directory is None or not kind_slug:
        return []
    # Read in the order of the partner_live_recent index (migration 0007 of partners).
    partners = (
        Partner.objects.published()
        .offering(kinds=[kind_slug])
        .select_related("province")
        .order_by(F("last_confirmed").desc(nulls_last=True), "name")[:limit]
    )
    return [
        {
            "name": partner.name,
            "url": partner.get_url_path(directory),
            "municipality": partner.municipality,
            "province": partner.province.name if partner.province else "",
        }
        for partner in partners
    ]


def workplace_learning_kinds():
    """(slug, name) of every kind of workplace learning, in the directory's order.

    The guides' partners block offers these as its choices: the taxonomy is data that editors
    change in the admin, so the block reads it instead of keeping a copy.
    """
    from partners.models import WorkplaceLearningKind

    return list(
        WorkplaceLearningKind.objects.order_by("sort_order", "name").values_list("slug", "name")
    )
