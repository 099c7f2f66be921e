"""A cache backend whose server is down: every call raises, as Redis' client does."""

from django.core.cache.backends.base import BaseCache


class DownCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to redis://:hunter2@127.0.0.1:6390. Connection refused.")

    add = get = set = delete = touch = has_key = clear = _fail
