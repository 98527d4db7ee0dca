import pytest

from tests.support.servers import GunicornServer, prepare, production_env


@pytest.fixture(scope="session")
def production_server(tmp_path_factory):
    """gunicorn with production settings on a demo database of its own (SQLite file)."""
    folder = tmp_path_factory.mktemp("production")
    env = production_env(
        f"sqlite:///{folder / 'db.sqlite3'}", folder / "static", SECURE_SSL_REDIRECT=1
    )
    prepare(env)
    with GunicornServer(env, workers=1) as server:
        yield server
