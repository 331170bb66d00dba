"""Entry point of the ``newsaudit`` command (and ``python -m newsaudit``).

``newsaudit --version`` is answered here, before the command line module imports typer, the
rules and their word lists (about 0.3 s of CPU): start-up stays a few hundredths of a second.
Everything else goes to ``newsaudit.cli``.
"""

import sys

from . import __version__

_VERSION_ARGS = (["--version"], ["version"])


def main() -> None:
    if sys.argv[1:] in _VERSION_ARGS:
        print(__version__)
        return
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
