# The app servers behind Varnish in compose.yaml, and the addresses allowed to purge (the app
# servers and the task worker, which publish). Mounted as /etc/varnish/backends.vcl. Names are
# resolved when the VCL is compiled. `make run-edge` and the tests write their own.

backend app1 {
    .host = "app1";
    .port = "8000";
    .probe = { .url = "/healthz"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; }
}

backend app2 {
    .host = "app2";
    .port = "8000";
    .probe = { .url = "/healthz"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; }
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

acl purgers {
    "app1";
    "app2";
    "worker";
    "localhost";
}
