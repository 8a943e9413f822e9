"""http(s) inputs: one GET with a timeout, a size cap and our User-Agent. Failures become
``FETCH_FAILED`` (or ``TOO_LARGE``) rejections naming the HTTP status or the network error."""

from __future__ import annotations

import http.client
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from eventwire import __version__
from eventwire.config import Settings
from eventwire.models import Rejection, RejectReason

log = logging.getLogger(__name__)

USER_AGENT = f"eventwire/{__version__}"
SCHEMES = ("http://", "https://")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body, the URL it finally came from (after redirects) and its declared type."""

    url: str
    data: bytes
    content_type: str | None
    charset: str | None


def is_url(source: str) -> bool:
    return source.lower().startswith(SCHEMES)


def _fail(url: str, detail: str) -> Rejection:
    return Rejection(url, RejectReason.FETCH_FAILED, " ".join(detail.split()))


def _too_large(url: str, size: int, settings: Settings) -> Rejection:
    detail = f"{size} bytes or more, over the limit of {settings.max_input_bytes}"
    return Rejection(url, RejectReason.TOO_LARGE, detail)


def _declared_length(headers: Message) -> int | None:
    value = headers.get("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _opener() -> urllib.request.OpenerDirector:
    """http and https only, redirects included: a redirect to ``file:`` or ``ftp:`` fails."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _get(url: str, settings: Settings) -> Fetched | Rejection:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    limit = settings.max_input_bytes
    with _opener().open(request, timeout=settings.fetch_timeout) as response:
        declared = _declared_length(response.headers)
        if declared is not None and declared > limit:
            return _too_large(url, declared, settings)
        data = response.read(limit + 1)
        if len(data) > limit:
            return _too_large(url, len(data), settings)
        content_type = response.headers.get("Content-Type")
        log.debug("fetched %s: %d bytes, %s", url, len(data), content_type)
        return Fetched(
            response.geturl() or url, data, content_type, response.headers.get_content_charset()
        )


def fetch_url(url: str, settings: Settings) -> Fetched | Rejection:
    """GET ``url``; the body is read up to ``settings.max_input_bytes`` and no further."""
    if not is_url(url):
        return _fail(url, "only http and https URLs can be fetched")
    try:
        return _get(url, settings)
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the response body open
        return _fail(url, f"HTTP {exc.code} {exc.reason}")
    except urllib.error.URLError as exc:
        return _fail(url, f"cannot connect: {exc.reason}")
    except TimeoutError:
        return _fail(url, f"no answer within {settings.fetch_timeout:g} seconds")
    except (http.client.HTTPException, OSError, ValueError) as exc:
        return _fail(url, f"{type(exc).__name__}: {exc}")
