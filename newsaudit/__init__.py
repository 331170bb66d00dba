"""newsaudit: audit machine-translated news against English wire copy."""

__version__ = "0.1.0"
