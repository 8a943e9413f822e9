"""Docs that cannot drift: the CLI reference, settings and public API checked against the code."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import eventwire
from eventwire.config import SETTINGS_HELP

REPO = Path(__file__).resolve().parents[1]


def _load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_docs", REPO / "docs" / "gen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    expected = _load_generator().render()
    actual = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is stale: run `make docs`"


def test_every_setting_is_documented() -> None:
    text = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    assert text == _load_generator().render_settings(), "docs/settings.md is stale: run `make docs`"
    documented = set(re.findall(r"^\| `(\w+)` \|", text, flags=re.M))
    assert documented == set(SETTINGS_HELP)


def test_public_api_is_exactly_all() -> None:
    public = {name for name in dir(eventwire) if not name.startswith("_")}
    modules = {
        "config",
        "errors",
        "models",
        "ingest",
        "store",
        "pipeline",
        "cli",
        "nlp",
        "eval",
        "export",
        "places",
        "link",
    }
    assert public - modules == set(eventwire.__all__) - {"__version__"}
    for name in eventwire.__all__:
        assert hasattr(eventwire, name), name


def test_importing_eventwire_loads_no_model_or_database() -> None:
    import subprocess
    import sys

    code = (
        "import sys, eventwire, eventwire.cli; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'sqlalchemy', 'thinc'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
