"""Friendly Dutch error pages that do not depend on the database being reachable."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Render without a RequestContext: the fault may be the database or a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())
