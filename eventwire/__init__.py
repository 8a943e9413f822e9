"""eventwire: political event data from news reports, each fact tied to its sentence.

Importing this package loads no model and opens no connection.
"""

from eventwire.errors import (
    ConfigError,
    EventwireError,
    IngestError,
    StorageError,
)
from eventwire.models import (
    Article,
    DateSource,
    IngestOutcome,
    IngestStatus,
    Rejection,
    RejectReason,
    Segment,
    SegmentKind,
    SourceMeta,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "DateSource",
    "EventwireError",
    "IngestError",
    "IngestOutcome",
    "IngestStatus",
    "RejectReason",
    "Rejection",
    "Segment",
    "SegmentKind",
    "SourceMeta",
    "StorageError",
    "__version__",
]
