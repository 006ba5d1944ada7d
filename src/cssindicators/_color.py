r"""ANSI colours for terminals, shared by every text output (tree, diagnostics, reports).

>>> paint("error", BOLD_RED)
'\x1b[1;31merror\x1b[0m'
>>> paint("error", BOLD_RED, color=False)
'error'
"""

from __future__ import annotations

__all__ = [
    "BOLD",
    "BOLD_MAGENTA",
    "BOLD_RED",
    "BOLD_YELLOW",
    "CYAN",
    "DIM",
    "GREEN",
    "RED",
    "RESET",
    "YELLOW",
    "paint",
]

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RED = "\x1b[31m"
GREEN = "\x1b[32m"
YELLOW = "\x1b[33m"
CYAN = "\x1b[36m"
BOLD_RED = "\x1b[1;31m"
BOLD_YELLOW = "\x1b[1;33m"
BOLD_MAGENTA = "\x1b[1;35m"


def paint(text: str, code: str, *, color: bool = True) -> str:
    """``text`` in the colour ``code`` (one of this module's constants), if ``color``."""
    return f"{code}{text}{RESET}" if color else text
