"""Purge the public shortage page (partners/places/public.py) at the edge when the counts behind
it change: a request posted, answered or closed, a recipient added, places saved.

Places saved also change the partner's summary fields, which purge the whole directory
(portal.signal_handlers); requests and answers touch no partner, so they need this.
"""

from django.db.models.signals import post_delete, post_save

from portal import edge


def shortage_urls():
    from partners.models import PartnerDirectoryPage

    urls = []
    for directory in PartnerDirectoryPage.objects.live():
        url = directory.get_full_url()
        if url:
            urls.append(url + directory.reverse_subpage("shortage"))
    return urls


def purge_shortage():
    edge.purge_urls(shortage_urls())


def counts_changed(sender, **kwargs):
    edge.after_commit(purge_shortage)


def connect():
    from partners.places.models import PlaceOffer, PlaceRequest, PlacesYear, RequestRecipient

    for model in (PlaceRequest, RequestRecipient, PlaceOffer, PlacesYear):
        for signal in (post_save, post_delete):
            signal.connect(
                counts_changed,
                sender=model,
                dispatch_uid=f"places-shortage-{model.__name__}-{signal is post_save}",
            )
