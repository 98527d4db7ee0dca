"""Local development: DEBUG on, a throwaway secret, e-mail to the console or a folder."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env("DEBUG", "1") not in {"0", "false", "False"}
# Development only: never used by production.py, which insists on SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-werkplekportaal")  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

if env("EMAIL_URL") is None:
    if env("EMAIL_FILE_PATH"):
        MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "OPTIONS": {"file_path": env("EMAIL_FILE_PATH")},
            }
        }
    else:
        MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}


# Static files straight from the apps' folders; no collectstatic needed.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
