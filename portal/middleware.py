"""Interface language from a cookie only.

The content is Dutch; the interface (buttons, labels, messages) can be switched to English with
the link in the footer. The browser's Accept-Language is ignored on purpose: a visitor should not
get an English interface around Dutch content without asking for it, and cached pages stay
predictable (the cache key includes the active language).
"""

from django.conf import settings
from django.utils import translation


class InterfaceLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported or request.path.startswith("/admin/"):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
