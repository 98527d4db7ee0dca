"""The partner directory: its query (query.py), the in-memory facet index (facet_index.py), the
page's views (views.py), the read-only API router (api.py) and the guides' teasers (teasers.py).
The page model itself is partners.models.PartnerDirectoryPage."""
