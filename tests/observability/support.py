"""Capturing the portal's log lines as the production handler formats them."""

import contextlib
import io
import json
import logging

from prodouane.logs import JsonFormatter, RedactPathsFilter
from prodouane.request_id import RequestIdFilter


@contextlib.contextmanager
def json_lines(*names: str):
    """The JSON lines written to loggers ``names`` (root if none) while the block runs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactPathsFilter())
    loggers = [logging.getLogger(name) for name in names] or [logging.getLogger()]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    lines: list[dict] = []
    try:
        yield lines
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
        lines.extend(json.loads(line) for line in stream.getvalue().splitlines())
