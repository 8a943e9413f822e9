"""The command line: thin typer wrappers over library functions.

Data goes to stdout, messages and progress to stderr. Exit codes: 0 ok, 1 error, 2 usage,
3 when every input of a batch was rejected.
"""

from __future__ import annotations

from eventwire.cli import articles, evaluate, linking  # importing registers their commands
from eventwire.cli.common import app

__all__ = ["app", "articles", "evaluate", "linking", "main"]


def main() -> None:
    """Entry point: run the app and map click's exit codes onto ours."""
    app()
