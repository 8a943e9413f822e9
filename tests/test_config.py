"""Settings: defaults, then file, then environment, then flags; bad values are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import SETTINGS_HELP, Settings, load_settings
from eventwire.errors import ConfigError


def test_layers_apply_in_order(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('[eventwire]\ndb = "file.db"\nmin_text_chars = 10\n', encoding="utf-8")
    env = {"EVENTWIRE_DB": "env.db", "EVENTWIRE_NEAR_DUPLICATE_THRESHOLD": "0.9"}
    settings = load_settings({"db": "flag.db", "fetch_timeout": None}, environ=env, config_file=cfg)
    assert settings.db == "flag.db"
    assert settings.min_text_chars == 10
    assert settings.near_duplicate_threshold == 0.9
    assert settings.fetch_timeout == Settings().fetch_timeout
    assert load_settings(environ=env, config_file=cfg).db == "env.db"


def test_every_setting_has_help() -> None:
    assert set(SETTINGS_HELP) == set(Settings.__dataclass_fields__)
    assert all(len(text) > 10 for text in SETTINGS_HELP.values())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("db = [1, 2", "not valid TOML"),
        ("no_such_setting = 1", "unknown setting"),
        ("max_input_bytes = 'lots'", "max_input_bytes"),
        ("near_duplicate_threshold = 1.5", "near_duplicate_threshold"),
    ],
)
def test_bad_files_are_named(tmp_path: Path, content: str, message: str) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(environ={}, config_file=cfg)


def test_unknown_environment_variables_are_ignored() -> None:
    assert load_settings(environ={"EVENTWIRE_SOMETHING_ELSE": "1"}).db == Settings().db


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(environ={}, config_file=tmp_path / "absent.toml")
