"""eventwire: political event data from news reports, each fact tied to its sentence.

Importing this package loads no model and opens no connection.
"""

from eventwire.errors import (
    ConfigError,
    EventwireError,
    ExtractionError,
    IngestError,
    NotFoundError,
    StorageError,
)
from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Article,
    ArticleAnalysis,
    DateSource,
    Event,
    EventCode,
    Factuality,
    IngestOutcome,
    IngestStatus,
    Rejection,
    RejectReason,
    Segment,
    SegmentKind,
    SourceMeta,
    TextSpan,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorKind",
    "ActorMention",
    "Article",
    "ArticleAnalysis",
    "ConfigError",
    "DateSource",
    "Event",
    "EventCode",
    "EventwireError",
    "ExtractionError",
    "Factuality",
    "IngestError",
    "IngestOutcome",
    "IngestStatus",
    "NotFoundError",
    "RejectReason",
    "Rejection",
    "Segment",
    "SegmentKind",
    "SourceMeta",
    "StorageError",
    "TextSpan",
    "__version__",
]
