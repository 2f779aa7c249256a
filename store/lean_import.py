"""Importing sqlite-utils without the packages it only loads to know their value types."""

from __future__ import annotations

from talent.imports import import_hiding

# sqlite-utils imports these, where installed, to store a DataFrame's or numpy's values, which
# talent-tui never gives it: 0.1 s (numpy) to 0.25 s (with pandas) of a half-second start.
VALUE_TYPE_PACKAGES = ("pandas", "numpy")


def import_sqlite_utils_lean() -> None:
    """Import sqlite-utils with pandas and numpy hidden, then visible again (the LAC model needs
    numpy later, in a worker). A no-op once sqlite-utils is imported."""
    import_hiding("sqlite_utils", VALUE_TYPE_PACKAGES)
