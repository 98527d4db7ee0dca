# The app servers behind Varnish and the addresses allowed to purge (compose.yaml's `app`).
# `make run-edge` and the tests write their own copy of this file.

backend app1 {
    .host = "app";
    .port = "8000";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
}

acl purgers {
    "app";
    "localhost";
}
