"""gunicorn's settings file, read from the working directory by every `gunicorn portal.wsgi`
(Dockerfile, compose.yaml, `make run-edge`, the benchmarks). Command-line options win."""


def post_worker_init(worker):
    """Before a worker takes traffic: build the partner directory's facet index, so that no
    visitor waits for it (1 to 1.5 s at 100,000 partners; partners/directory/facet_index.py)."""
    import logging

    from django.db import DatabaseError

    try:
        from partners.directory.facet_index import warm_up

        warm_up()
    except DatabaseError:
        # No tables yet (before the first migrate) or no database: built on first use instead.
        logging.getLogger(__name__).warning("facet index not built at start", exc_info=True)
