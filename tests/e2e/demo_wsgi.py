"""The production WSGI application plus the media files, for the demo server of
`make screenshots` and `make audit-frontend` only.

In production media live on S3-compatible storage or behind the web server; gunicorn alone
does not serve them. Here an outer WhiteNoise serves MEDIA_ROOT (renditions are written while
pages render, hence autorefresh), so the demo's images load as they would in production.
"""

from whitenoise import WhiteNoise

from django.conf import settings

from portal.wsgi import application as portal_application

application = WhiteNoise(portal_application, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
