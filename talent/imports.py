"""Importing a module with some others hidden from it: packages it loads only for a feature
talent-tui never uses, which would cost every process that imports it."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from types import ModuleType


def import_hiding(module: str, hidden: Iterable[str]) -> ModuleType:
    """Import `module` with the `hidden` modules not yet imported made unimportable during the
    import (an import of one raises ImportError, as if not installed), importable again after.
    A module imported already is returned as it is."""
    if module in sys.modules:
        return sys.modules[module]
    masked = [name for name in hidden if name not in sys.modules]
    for name in masked:
        sys.modules[name] = None
    try:
        return importlib.import_module(module)
    finally:
        for name in masked:
            del sys.modules[name]
