"""Optional dependencies: imported where they are needed, or a library error naming the extra.

>>> require("json", "test").__name__
'json'
>>> require("a_package_that_is_not_installed", "pandas")
Traceback (most recent call last):
  ...
cssindicators.errors.MissingDependencyError: this needs the optional package 'a_package_that_is_not_installed': pip install "cssindicators[pandas]"
"""

from __future__ import annotations

import importlib
from types import ModuleType

from cssindicators.errors import MissingDependencyError


def require(module: str, extra: str) -> ModuleType:
    """The module ``module``, imported; :class:`MissingDependencyError` naming the extra
    to install (``pip install "cssindicators[extra]"``) when it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingDependencyError(
            f'this needs the optional package {module!r}: pip install "cssindicators[{extra}]"',
            module=module,
            extra=extra,
        ) from error
