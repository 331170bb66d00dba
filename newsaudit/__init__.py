"""newsaudit: audit machine-translated news against English wire copy.

Library use: ``newsaudit.run(paths, wires, settings) -> Report`` (see ``newsaudit.linter``);
``newsaudit.config.settings(...)`` builds the ``Settings``. Imported lazily, so that
``import newsaudit`` (and ``newsaudit --version``) stays cheap.
"""

__version__ = "0.1.0"

__all__ = ["Report", "Settings", "run", "settings"]


def __getattr__(name: str):
    if name in ("run", "Report"):
        from . import linter

        return getattr(linter, name)
    if name in ("Settings", "settings"):
        from . import config

        return getattr(config, name)
    raise AttributeError(f"module 'newsaudit' has no attribute {name!r}")
