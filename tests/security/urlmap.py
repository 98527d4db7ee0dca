"""Every URL of the site, as concrete paths to request: the URL resolver walked pattern by
pattern (the API, the admin, everything `include()`d), plus the page tree and the routes of
routable pages. Used by the permission matrix (tests/security/test_permissions.py) and the
hostile-input tests, so that a URL added later is covered without editing a list.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<regex>[^()]*)\)")
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Endpoint:
    name: str  # "namespace:name", or the route itself when a pattern has no name
    route: str  # the pattern as written, parameters included
    path: str  # a concrete path to request


def walk(patterns=None, prefix="", namespace=""):
    """(qualified name, route) for every URL pattern, depth first."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + _text(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + _text(pattern.pattern)
            yield (namespace + pattern.name if pattern.name else route), route


def _text(pattern):
    if isinstance(pattern, RegexPattern):
        return pattern._regex
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    return str(pattern)


# Values for regular-expression patterns (Wagtail still has a few).
REGEX_VALUES = [
    (r"^((?:[\w\-]+/)*)$", ""),
    (r"^(\d+)/(.*)$", "{id}/x"),
    (r"^.*", "x"),
]


def concrete(route, values):
    """A path for `route`: each parameter from `values` (by name, else by converter)."""

    def fill(match):
        name, converter = match["name"], match["converter"] or "str"
        if name in values:
            return str(values[name])
        return str(values.get(converter, "1"))

    def fill_group(match):
        name = match["name"]
        return str(values.get(name, values.get("int", 1) if "\\d" in match["regex"] else "x"))

    path = REGEX_GROUP.sub(fill_group, route)
    path = ROUTE_PARAMETER.sub(fill, path)
    for regex, replacement in REGEX_VALUES:
        path = path.replace(regex, replacement.format(id=values.get("int", 1)))
    path = path.replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + path


def endpoints(values_for):
    """Every resolver URL as an Endpoint; `values_for(name)` gives the parameter values."""
    return [
        Endpoint(name=name, route=route, path=concrete(route, values_for(name)))
        for name, route in walk()
    ]
