"""The exception hierarchy. Lower-level errors are translated at each boundary (raise from)."""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose."""


class ConfigError(EventwireError):
    """A setting has a bad value, or a settings file cannot be read."""


class IngestError(EventwireError):
    """An input cannot be turned into articles. ``source`` names the input."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StorageError(EventwireError):
    """The store failed (connection, schema, constraint). Wraps the driver's own error."""


class NotFoundError(StorageError):
    """A record asked for by id does not exist in the store."""


class ExtractionError(EventwireError):
    """The NLP stage cannot run (model missing, bad pipeline) or failed on an article."""
