"""The "did you mean …?" hint of error messages about unknown ids and names.

>>> did_you_mean("s2.og9", ["s2.og1", "s2.og1.os1", "s3"])
"; did you mean 's2.og1'?"
>>> did_you_mean("x", ["s1"])
''
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean"]


def did_you_mean(wrong: str, known: Iterable[str], *, most: int = 1, cutoff: float = 0.6) -> str:
    """``"; did you mean 'a' or 'b'?"`` naming up to ``most`` close matches, or ``""``.

    ``cutoff`` is :func:`difflib.get_close_matches`'s similarity threshold (0 to 1).
    Case is ignored in the comparison; the hint names the known spelling.

    >>> did_you_mean("SCORE", ["target", "score"]), did_you_mean("S2.OG1", ["s2.og1"])
    ("; did you mean 'score'?", "; did you mean 's2.og1'?")
    """
    folded: dict[str, str] = {}
    for name in known:
        folded.setdefault(name.casefold(), name)
    close = difflib.get_close_matches(wrong.casefold(), list(folded), n=most, cutoff=cutoff)
    return f"; did you mean {' or '.join(repr(folded[name]) for name in close)}?" if close else ""
