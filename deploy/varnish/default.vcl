# Varnish in front of the portal's app servers (gunicorn): the edge cache of production.
#
# The app decides what may be kept: public pages carry `Cache-Control: public, s-maxage=...`,
# everything else `private, no-store` (portal.middleware.CacheControlMiddleware). This file adds
# what only the edge can do: never look up a request that carries a session, a CSRF token or
# credentials, drop tracking cookies, and accept purges from the app servers alone.
#
# backends.vcl (found on vcl_path; deploy/varnish/compose/ has compose.yaml's) defines the app servers: one or more
# `backend`s, a director named `app` in vcl_init, and `acl purgers` with the app servers'
# addresses. `make run-edge`, compose.yaml and the tests write their own.

vcl 4.1;

import std;
import directors;
import cookie;

include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();

    # PURGE <path>: drop every stored variant of the path, with any query string (the
    # directory's filters, the news list's pages). Sent by wagtail.contrib.frontend_cache.
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-host == " + regsub(req.http.host, ":[0-9]+$", "") + " && obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    # BAN with X-Ban-Prefix: every page of the host whose path starts with the prefix (a page
    # and all below it; "/" for the whole site). Sent by portal.edge.ban().
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Ban-Prefix !~ "^/[A-Za-z0-9/_.-]*$") {
            return (synth(400, "Bad prefix"));
        }
        ban("obj.http.x-host == " + regsub(req.http.host, ":[0-9]+$", "") + " && obj.http.x-path ~ ^" + req.http.X-Ban-Prefix);
        return (synth(200, "Banned"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin(/|$)" || req.http.Authorization) {
        return (pass);
    }

    # Keep only the cookies the portal reads; tracking cookies (_ga, _gid, utm...) would make
    # every visitor's request unique. wpp_language picks the interface language and is part of
    # the cache key through `Vary: Cookie`.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep("sessionid,csrftoken,wpp_language");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # A session (an editor, a visitor who passed a page's password) or a CSRF token (someone
    # filling in a form): straight to the app, never from or into the cache.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    return (hash);
}

sub vcl_backend_response {
    # What purges and bans match on (the ban lurker can test objects without a request). The
    # host without its port: Wagtail names a site by its own port, visitors by the edge's.
    set beresp.http.x-host = regsub(bereq.http.host, ":[0-9]+$", "");
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    # Anything that sets a cookie or is not explicitly public is never stored.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;  # hit-for-miss: later requests go to the app at once, in parallel
        return (deliver);
    }
    # Served stale for a few seconds while a fresh copy is fetched (never after a purge).
    set beresp.grace = 10s;
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
