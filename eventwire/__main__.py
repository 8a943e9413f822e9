"""``python -m eventwire``: the same as the ``eventwire`` command."""

from eventwire.cli import main

main()
