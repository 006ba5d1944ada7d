"""An indicator item read into its label and target, and what the reader says about it.

The label and the target are split at the last colon; without one, the target is the
longest end of the text that the target language reads (see ``docs/plan-format.md``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from cssindicators.errors import TargetSyntaxError
from cssindicators.plan import Indicator, Severity
from cssindicators.reading._patterns import trim_end
from cssindicators.reading._text import Item
from cssindicators.targets import parse_target, target_or_none

__all__ = ["read_indicator"]

#: Where the reader's remarks go: severity, line, column, message.
Report = Callable[[Severity, int, int, str], None]

# An indicator written without a colon: its target is the longest suffix of its text that
# the target language reads (the grammar alone knows the words). A suffix starts at a word,
# or at a mathematical symbol glued to the word before it ("Visites≥3/an"); only the last
# words up to the last number are tried, enough for "entre 1 000 et 2 000".
_TARGET_WORDS = 12
_WORD_START = re.compile(r"(?<!\S)(?P<word>\S)|(?<=\w)(?P<glued>[^\w\s])")
# every target holds a number, or the slash of "Oui/Non"
_NUMBER_OR_SLASH = re.compile(r"[\d/][^\d/]*$")
_NUMBER_OR_SLASH_IN = re.compile(r"[\d/]")
# a number alone ("2023", "1 000") ends many labels: without a colon it is no target
_BARE_NUMBER = re.compile(r"[\d\s.,]+")


def _target_start(text: str, low: int = 0) -> int | None:
    """Where the longest suffix of ``text`` (from offset ``low`` on) that is a target starts.

    Candidates are tried from left to right among the last words before the last
    number (or slash), and the first that parses wins; ``None`` if none does, or if the target would be a bare number.

    >>> text = "Nombre d'incidents moins de 5 par an"
    >>> text[_target_start(text) :]
    'moins de 5 par an'
    >>> _target_start("Nombre de projets mis en place en 2023") is None
    True
    """
    last = _NUMBER_OR_SLASH.search(text, low)
    if last is None:
        return None
    starts = [
        m.start()
        for m in _WORD_START.finditer(text, low, last.start() + 1)
        if m["word"] or unicodedata.category(m["glued"]) == "Sm"
    ][-_TARGET_WORDS:]
    # A failed parse is costly: skip the starts that cannot begin a target, those with
    # no number nor slash in their first five words (a comparator is at most four words,
    # "> / = à"; the number, or the "/" of "Oui / Non", comes right after it).
    ends = [*starts[5:], *[len(text)] * min(5, len(starts))]
    for start, end in zip(starts, ends, strict=True):
        if (
            _NUMBER_OR_SLASH_IN.search(text, start, end)
            and target_or_none(text[start:]) is not None
        ):
            return None if _BARE_NUMBER.fullmatch(text, start) else start
    return None


def _split_indicator(text: str) -> tuple[str, int | None]:
    """The label of an indicator's text and the offset where its target starts.

    The target follows the last colon; without a colon, it is the longest suffix that
    reads as a target (see :func:`_target_start`).

    >>> _split_indicator("Nombre réunions de concertation : ≥ 12 par an")
    ('Nombre réunions de concertation', 34)
    >>> _split_indicator("Nombre de projets mis en place >/= 10/an")
    ('Nombre de projets mis en place', 31)
    >>> _split_indicator("Délai moyen max. 30 %")
    ('Délai moyen', 12)
    >>> _split_indicator("Nombre de projets")
    ('Nombre de projets', None)
    """
    colon = text.rfind(":")
    if colon >= 0:
        after = text[colon + 1 :]
        target = after.lstrip()
        if target:
            return text[:colon].rstrip(), colon + 1 + len(after) - len(target)
        return text[:colon].rstrip(), None
    start = _target_start(text)
    if start is None:
        return text, None
    return text[:start].rstrip(" -–"), start


def read_indicator(item: Item, report: Report) -> Indicator:
    """The indicator that a cell item says; what cannot be read goes to ``report``.

    >>> from cssindicators.reading._text import clean
    >>> item = Item(5, 1, [clean("Nombre de constats : ≥ 3 par lundi", 5)])
    >>> read_indicator(item, lambda *remark: print(*remark))  # doctest: +ELLIPSIS
    Severity.ERROR 5 30 the target '≥ 3 par lundi' of indicator 'Nombre de constats' does not parse: ...
    Indicator(id='', label='Nombre de constats', target_text='≥ 3 par lundi', target=None)
    """
    text = trim_end(item.text)
    label, start = _split_indicator(text)
    if not label:
        report(Severity.WARNING, item.line, item.column, "indicator without a label")
    if start is None:
        report(Severity.WARNING, item.line, item.column, f"indicator {label!r} has no target")
        return Indicator(label=label)
    try:
        return Indicator(label=label, target_text=text[start:], target=parse_target(text[start:]))
    except TargetSyntaxError as error:
        failure = error
    # "Nombre de projets (phase 2 : pilotes) >/= 10/an": the target may follow the colon
    later = _target_start(text, start + 1)
    if later is not None:
        return Indicator(
            label=text[:later].rstrip(" -–"),
            target_text=text[later:],
            target=parse_target(text[later:]),
        )
    report(
        Severity.ERROR,
        *item.locate(start + failure.position),
        f"the target {failure.text!r} of indicator {label!r} does not parse: {failure.reason}",
    )
    return Indicator(label=label, target_text=text[start:])
