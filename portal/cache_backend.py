"""A Redis cache that fails soft: when Redis is unreachable the site works without a cache.

Django's RedisCache raises on every call when Redis is down, and Wagtail keeps site root paths
in the cache, so without this every page would fail. Here a failing call counts as a miss (or
a no-op for writes), is logged once, and Redis is left alone for BACKOFF_SECONDS so that a dead
server costs one connection timeout per process per period, not one per call. /healthz still
reports the outage (it writes and reads a value and sees it missing).

It also keeps one Redis client per connection pool rather than building one per call
(ReusingRedisCacheClient), which halves the cost of a cache read.
"""

import logging
import time

from redis.exceptions import RedisError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

BACKOFF_SECONDS = 30


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis.Redis per connection pool instead of one per call.

    Django builds a new redis.Redis for every cache call, and its constructor copies about 170
    response callbacks: 0.3 ms per call, more than the round trip to Redis on loopback. A
    redis.Redis is safe to share between threads (it takes a connection from its pool per
    command), so one per pool is enough.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    @classmethod
    def reset_backoff(cls):
        cls._down_until = 0.0

    def _available(self):
        return time.monotonic() >= self._down_until

    def _failed(self, error):
        if self._available():
            logger.warning(
                "cache unavailable, working without it for %ss: %s", BACKOFF_SECONDS, error
            )
        # Per process, shared by the per-thread instances Django creates.
        type(self)._down_until = time.monotonic() + BACKOFF_SECONDS

    def _soft(self, method, fallback, *args, **kwargs):
        if not self._available():
            return fallback
        try:
            return getattr(super(), method)(*args, **kwargs)
        except (RedisError, OSError) as error:
            self._failed(error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._soft("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._soft("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._soft("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("add", False, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._soft("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._soft("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        # Without Redis there is nothing to increment; callers treat it as a missing key.
        if not self._available():
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except (RedisError, OSError) as error:
            self._failed(error)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error

    def clear(self):
        return self._soft("clear", False)
