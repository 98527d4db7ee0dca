"""Friendly Dutch error pages that do not depend on the database being reachable."""

from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Render without a RequestContext: the fault may be the database or a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())


def bad_request(request, exception):
    # Too large a body, too many fields, a malformed request: a Dutch page, no context needed.
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (an old page, cookies blocked): say so in Dutch."""
    return HttpResponseForbidden(
        loader.get_template("400.html").render(
            {
                "title": "Formulier verlopen",
                "message": "Dit formulier kon niet verstuurd worden: de pagina was te oud of uw "
                "browser weigert cookies. Er is niets bewaard.",
            }
        )
    )
