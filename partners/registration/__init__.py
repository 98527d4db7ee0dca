"""Company registration: the public form and API, e-mail verification, review in Wagtail's
workflow, and self-service through a signed management link. See docs/registration.md."""
