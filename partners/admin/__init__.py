"""The partners app's Wagtail admin parts: permission guards for personal data (access.py), the
dashboard panel (dashboard.py) and the registration review (registrations.py). They are
registered in partners/wagtail_hooks.py."""
