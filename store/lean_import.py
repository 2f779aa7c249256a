"""Importing sqlite-utils without the packages it only loads to know their value types."""

from __future__ import annotations

import importlib
import sys

# sqlite-utils imports these, where installed, to store a DataFrame's or numpy's values, which
# talent-tui never gives it: 0.1 s (numpy) to 0.25 s (with pandas) of a half-second start.
VALUE_TYPE_PACKAGES = ("pandas", "numpy")


def import_sqlite_utils_lean() -> None:
    """Import sqlite-utils with pandas and numpy hidden from it, then visible again (the LAC
    model needs numpy later, in a worker). A no-op once sqlite-utils is imported."""
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in VALUE_TYPE_PACKAGES if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # an import of it raises ImportError, as if not installed
    try:
        importlib.import_module("sqlite_utils")
    finally:
        for name in hidden:
            del sys.modules[name]
