"""An indicator item read into its label and target, and what the reader says about it.

The label and the target are split at the last colon; without one, the target is the
longest end of the text that the target language reads (see ``docs/plan-format.md``).
Every character after the label belongs to the target: what the language cannot read
there (a sign before the number, a remark in brackets, words after the target, a
footnote mark) makes the target unreadable, an error on its line; it never makes the
reader take a shorter target, nor move what it cannot read into the label.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from cssindicators.errors import TargetSyntaxError
from cssindicators.plan import Indicator, Severity
from cssindicators.reading._patterns import trim_end
from cssindicators.reading._text import Item, Mark, quoted
from cssindicators.targets import Target, Threshold, parse_target, target_or_none

__all__ = ["read_indicator"]

#: Where the reader's remarks go: severity, line, column, message.
Report = Callable[[Severity, int, int, str], None]

# An indicator written without a colon: its target is the longest suffix of its text that
# the target language reads (the grammar alone knows the words). A suffix starts at a word,
# at a mathematical symbol glued to what is before it ("Visites≥3/an", "-≤ 3/an"), after an
# opening bracket ("(au plus 3/an": then the bracket is reported) or right after a sign or
# dash ("-10 %": then the sign is reported; "-≥ 3/an"). Only the last words up to the last
# number are tried, enough for "entre 1 000 et 2 000".
_TARGET_WORDS = 12
_WORD_START = re.compile(
    r"(?<!\S)[-+−–—]+(?P<signed>[^\s\-+−–—])|(?<!\S)(?P<word>\S)|(?<=[(\[])(?P<opened>\w)"
    r"|(?<=\S)(?P<glued>[^\w\s])"
)
# every target holds a number, or the slash of "Oui/Non"
_NUMBER_OR_SLASH = re.compile(r"[\d/][^\d/]*$")
_NUMBER_OR_SLASH_IN = re.compile(r"[\d/]")
# a number alone ("2023", "1 000") ends many labels: without a colon it is no target
_BARE_NUMBER = re.compile(r"[\d\s.,]+")
# Dashes between a label and its target: "Nombre de projets - ≥ 3/an".
_DASHES = "-–—"
# A sign before a number ("- 10 %", "+5 %", "−10 %") makes a change, which no target
# language form says; it is a sign when it stands apart from the word before it
# ("12-18 ans" holds none).
_SIGN_AT = re.compile(r"[-+−–—]+\s*(?=\d)")
_SIGNS = "-+−–—"
# what may stand before a sign (or the start of the text): "Vols - 10 %", "(+5 %", ":-3"
_BEFORE_SIGN = ":(["
# after a colon, dashes before something that is not a number only separate: "X : - Oui/Non"
_COLON_SEPARATOR = re.compile(r"\s*(?:[-–—]+\s*(?=[^\d\s]))?")
_OPENING = ("(", "[")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w")
# How many ends of a broken target are tried for the target it starts with ("≥ 3/an au
# total").
_PREFIXES = 6


class _Found(NamedTuple):
    """Where an indicator's target starts, and either the target or why it cannot be read
    (the offset of the caret and the reason)."""

    start: int
    target: Target | None
    problem: tuple[int, str] | None = None


#: The longest text whose failure is remembered: the cache serves the short targets that
#: plans repeat, and holds no long text of a document once it is read.
_REMEMBERED = 200


def _failure(text: str) -> tuple[int, str, bool]:
    """Where and why ``text``, which is no target, stops being one; ``True`` last when the
    grammar read it whole but a rule of the language rejects it ("entre 20 et 10")."""
    return _remembered_failure(text) if len(text) <= _REMEMBERED else _parse_failure(text)


@functools.lru_cache(maxsize=4096)
def _remembered_failure(text: str) -> tuple[int, str, bool]:
    return _parse_failure(text)


def _parse_failure(text: str) -> tuple[int, str, bool]:
    try:
        parse_target(text)
    except TargetSyntaxError as error:
        return error.position, error.reason, not error.expected
    raise AssertionError(f"{text!r} is a target")  # pragma: no cover - callers check first


def _sign_reason(text: str, sign: int) -> str:
    symbol = text[sign]
    if not _SIGN_AT.match(text, sign):
        return f"{symbol!r} before the target is a sign, which the target language does not read"
    change = "an increase" if symbol == "+" else "a decrease"
    return (
        f"{symbol!r} before the number makes it a change ({change}), which the target "
        "language does not read: write the level to reach, after a colon "
        "('≥ 12 par an', '≤ 5 %')"
    )


def _sign_before(text: str, low: int, start: int) -> int | None:
    """Where the sign before the target at ``start`` is, if there is one: any before a
    number ("Vols - 10 %"), a ``+`` or ``−`` before anything; dashes before a comparator
    or a word separate ("Projets - ≥ 3/an")."""
    # read backwards from ``start`` (spaces, then the signs), never further: the reader
    # widens a broken target sign by sign, and each step costs only what it passes
    end = _space_before(text, low, start)
    begin = end
    while begin > low and text[begin - 1] in _SIGNS:
        begin -= 1
    if begin == end:
        return None
    if begin > low and not (text[begin - 1].isspace() or text[begin - 1] in _BEFORE_SIGN):
        return None
    if text[start : start + 1].isdigit() or text[begin:end].strip(_DASHES):
        return begin
    return None


def _space_before(text: str, low: int, end: int) -> int:
    """Where the spaces that end ``text[low:end]`` start."""
    while end > low and text[end - 1].isspace():
        end -= 1
    return end


def _sign(text: str, sign: int) -> _Found:
    return _Found(sign, None, (sign, _sign_reason(text, sign)))


def _opened(text: str, low: int, found: _Found) -> _Found:
    """``found`` widened to the brackets opened right before it (the target that does not
    parse is "(≥ 3/an)", not "≥ 3/an)" after a label that ends with "("), and, when it
    does not parse, to a sign before it ("-10 -10")."""
    start = found.start
    while True:
        head = _space_before(text, low, start)
        sign = None if found.problem is None else _sign_before(text, low, start)
        if sign is not None:
            start = sign
        elif head > low and text[head - 1] in _OPENING:
            start = head - 1
        else:
            break
    if start == found.start:
        return found
    if found.problem is None:
        position, reason, _ = _failure(text[start:])
        return _Found(start, None, (start + position, reason))
    return found._replace(start=start)


def _explicit(candidate: str, target: Target) -> bool:
    """Whether ``target``, read at the start of ``candidate``, says it is one: a written
    comparator, a range, Oui/Non or a period; "2 heures" may be a label's words."""
    return not (isinstance(target, Threshold) and target.per is None and candidate[:1].isdigit())


def _readable_start(candidate: str, position: int) -> Target | None:
    """The longest target that ``candidate``, which stops being one at ``position``, starts
    with ("≥ 3/an" of "≥ 3/an au total"); not a bare number."""
    ends = [position, *(m.start() for m in _SPACE.finditer(candidate, 0, position))]
    for end in sorted(set(ends), reverse=True)[:_PREFIXES]:
        prefix = candidate[:end].rstrip()
        if prefix and not _BARE_NUMBER.fullmatch(prefix):
            target = target_or_none(prefix)
            if target is not None:
                return target
    return None


def _checked(text: str, low: int, start: int, target: Target, earlier: list[int]) -> _Found:
    """The target read at ``start``, unless what comes before it belongs to it: then the
    target that does not parse is reported.

    What belongs to it: a sign ("- 10 %"), an opening bracket, or a target before it that
    reads on past ``start`` ("≥0 min 2023": not "min 2023", "≥ 2023"). A target that starts
    with its number ("80 %", no comparator of its own) also belongs to a range or
    comparator that reads on up to it ("de 80 %", "entre 20 et 10 par an"), or to a whole
    target before it ("≥ 3/an en 2 sessions"); "2023 Oui/Non", "de 2023 Oui/Non" and
    "moins de 25 ans ≥ 10/an" may end a label.

    ``earlier`` are the candidates before ``start`` that did not parse, in text order.

    >>> text = "Taux de réussite de 80 %"
    >>> _checked(text, 0, 20, parse_target("80 %"), [17])  # doctest: +ELLIPSIS
    _Found(start=17, target=None, problem=(24, "expected the second bound of the range (et …, à …)...after '%', found the end of the text"))
    """
    sign = _sign_before(text, low, start)
    implicit = text[start].isdigit()
    edge = start if sign is None else sign
    for begin in earlier:
        # (a target with its comparator is only read into by one that is whole before it:
        # skipping the others saves the cost of their error messages)
        if not implicit and target_or_none(text[begin:start].rstrip()) is None:
            continue
        candidate = text[begin:]
        position, reason, whole = _failure(candidate)
        reach = begin + position
        # a range or a comparator that reads on up to a number without a comparator
        claims = implicit and (whole or reach > edge or (sign is not None and reach == edge))
        if not claims and (implicit or reach > start):
            # a whole target before it
            readable = _readable_start(candidate, position)
            claims = readable is not None and _explicit(candidate, readable)
        if claims:
            problem = _sign(text, sign).problem if sign is not None else (reach, reason)
            return _opened(text, low, _Found(begin, None, problem))
    return _opened(text, low, _Found(start, target) if sign is None else _sign(text, sign))


def _broken(text: str, low: int, tried: list[int]) -> _Found | None:
    """When no end of ``text`` is a target: the broken one it ends with, if one says it is
    a target ("≥ 3/an au total", "80 % (moyenne)", "-10 %"); ``None`` otherwise
    (``tried`` are the candidates, in text order)."""
    for begin in tried:
        candidate = text[begin:]
        position, reason, whole = _failure(candidate)
        sign = _sign_before(text, low, begin)
        if not whole:
            readable = _readable_start(candidate, position)
            if readable is None:
                continue
            remark = candidate[position:].startswith(_OPENING)
            if sign is None and not remark and not _explicit(candidate, readable):
                continue
        if sign is not None:
            return _opened(text, low, _sign(text, sign))
        return _opened(text, low, _Found(begin, None, (begin + position, reason)))
    return None


def _target_start(text: str, low: int = 0) -> _Found | None:
    """The target that ends ``text`` (from offset ``low`` on), for a text without colon.

    Candidates are tried from left to right among the last words before the last
    number (or slash), and the first that parses wins, unless what is before it belongs
    to it (see :func:`_checked`). When none does, or the first that does is a bare number
    (no target without a colon: "… en 2023"), the text may end with a broken target (see
    :func:`_broken`); ``None`` otherwise.

    >>> text = "Nombre d'incidents moins de 5 par an"
    >>> text[_target_start(text).start :]
    'moins de 5 par an'
    >>> _target_start("Nombre de projets mis en place en 2023") is None
    True
    >>> _target_start("Diminution des vols - 10 %")
    _Found(start=20, target=None, problem=(20, "'-' before the number makes it a change (a decrease), which the target language does not read: write the level to reach, after a colon ('≥ 12 par an', '≤ 5 %')"))
    """
    last = _NUMBER_OR_SLASH.search(text, low)
    if last is None:
        return None
    starts = [
        m.start("signed") if m["signed"] else m.start()
        for m in _WORD_START.finditer(text, low, last.start() + 1)
        if m["signed"] or m["word"] or m["opened"] or unicodedata.category(m["glued"]) == "Sm"
    ][-_TARGET_WORDS:]
    # A failed parse is costly: skip the starts that cannot begin a target, those with
    # no number nor slash in their first five words (a comparator is at most four words,
    # "> / = à"; the number, or the "/" of "Oui / Non", comes right after it).
    ends = [*starts[5:], *[len(text)] * min(5, len(starts))]
    tried: list[int] = []
    for start, end in zip(starts, ends, strict=True):
        if not _NUMBER_OR_SLASH_IN.search(text, start, end):
            continue
        target = target_or_none(text[start:])
        if target is None:
            tried.append(start)
        elif _BARE_NUMBER.fullmatch(text, start):
            return _broken(text, low, tried)
        else:
            return _checked(text, low, start, target, tried)
    return _broken(text, low, tried)


def _split_indicator(text: str) -> tuple[str, _Found | None]:
    """The label of an indicator's text, and where its target starts (``None``: it has
    none).

    The target follows the last colon; without a colon, it is the longest suffix that
    reads as a target (see :func:`_target_start`). A text after the colon that does not
    start like a target gives way to a target later in the text: the colon was the
    label's ("Nombre de projets (phase 2 : pilotes) >/= 10/an").

    >>> _split_indicator("Nombre réunions de concertation : ≥ 12 par an")[0]
    'Nombre réunions de concertation'
    >>> _split_indicator("Nombre de projets mis en place >/= 10/an")
    ('Nombre de projets mis en place', _Found(start=31, target=Threshold('≥ 10/an'), problem=None))
    >>> _split_indicator("Délai moyen max. 30 %")[1].start
    12
    >>> _split_indicator("Nombre de projets")
    ('Nombre de projets', None)
    """
    colon = text.rfind(":")
    if colon < 0:
        found = _target_start(text)
        return (text if found is None else text[: found.start].rstrip(" " + _DASHES)), found
    label = text[:colon].rstrip()
    separator = _COLON_SEPARATOR.match(text, colon + 1)
    start = colon + 1 if separator is None else separator.end()
    if start == len(text):
        return label, None
    target = target_or_none(text[start:])
    if target is not None:
        return label, _Found(start, target)
    if _SIGN_AT.match(text, start):
        return label, _Found(start, None, (start, _sign_reason(text, start)))
    position, reason, whole = _failure(text[start:])
    if position == 0 and not whole:
        later = _target_start(text, start)
        # the label goes on after the colon only if words follow it: "(phase 2 : pilotes)"
        if later is not None and _WORD.search(text, start, later.start):
            return text[: later.start].rstrip(" " + _DASHES), later
    return label, _Found(start, None, (start + position, reason))


def _as_written(text: str, start: int, marks: list[Mark]) -> str:
    """``text[start:]`` with the superscripts and rules in ``marks`` as written."""
    parts, done = [], start
    for begin, end, raw in marks:
        parts += [text[done:begin], raw if raw.startswith("^") else _SPACE.sub(" ", raw)]
        done = end
    return "".join([*parts, text[done:]])


def _mark_reason(raw: str) -> str:
    if raw.startswith("^"):
        return f"the superscript {quoted(raw)} (a footnote mark?) is not part of a target"
    return f"a rule of underscores {quoted(raw.strip())} (a blank of the template?) is not part of a target"


# Words of a label that ask for less: a target without a comparator ("10 %") then
# reads as "at least", which is likely not what was meant.
_DECREASE = re.compile(
    r"\b(?:diminu|r[ée]du[ci]|baisse|vermindering|verminder|afname|daling|terugdring|"
    r"decreas|reduc)",
    re.IGNORECASE,
)


def read_indicator(item: Item, report: Report, node_id: str = "") -> Indicator:
    """The indicator that a cell item says, of id ``node_id``; what cannot be read goes
    to ``report``.

    >>> from cssindicators.reading._text import clean
    >>> item = Item(5, 1, [clean("Nombre de constats : ≥ 3 par lundi", 5)])
    >>> read_indicator(item, lambda *remark: print(*remark))  # doctest: +ELLIPSIS
    Severity.ERROR 5 30 the target '≥ 3 par lundi' of indicator 'Nombre de constats' does not parse: ...
    Indicator(id='', label='Nombre de constats', target_text='≥ 3 par lundi', target=None)
    >>> item = Item(7, 1, [clean("Diminution des vols : 10 %", 7)])
    >>> read_indicator(item, lambda *remark: print(*remark))  # doctest: +ELLIPSIS
    Severity.WARNING 7 23 the target '10 %' of indicator 'Diminution des vols' has no comparator, so it reads as '≥ 10 %' (at least), ...
    Indicator(id='', label='Diminution des vols', target_text='10 %', target=Threshold('≥ 10 %'))
    >>> item = Item(6, 1, [clean("Diminution des vols : - 10 %", 6)])
    >>> read_indicator(item, lambda *remark: print(*remark))  # doctest: +ELLIPSIS
    Severity.ERROR 6 23 the target '- 10 %' of indicator 'Diminution des vols' does not parse: '-' before the number makes it a change (a decrease), ...
    Indicator(id='', label='Diminution des vols', target_text='- 10 %', target=None)
    """
    text = trim_end(item.text)
    label, found = _split_indicator(text)
    if not label:
        report(Severity.WARNING, item.line, item.column, "indicator without a label")
    if found is None:
        report(Severity.WARNING, item.line, item.column, f"indicator {quoted(label)} has no target")
        return Indicator(id=node_id, label=label)
    start, target, problem = found
    marks = [m for m in item.marks() if start <= m[0] and m[1] <= len(text)]
    target_text = _as_written(text, start, marks)
    if marks:
        # what the cleaned text would say is not what was written
        problem = (marks[0][0], _mark_reason(marks[0][2]))
    if problem is None:
        if target_text[:1].isdigit() and _DECREASE.search(label):
            report(
                Severity.WARNING,
                *item.locate(start),
                f"the target {quoted(target_text)} of indicator {quoted(label)} has no "
                f"comparator, so it reads as {quoted(str(target))} (at least), though the label speaks of a "
                "decrease: if a decrease is meant, write the level to reach ('≤ …')",
            )
        return Indicator(id=node_id, label=label, target_text=target_text, target=target)
    caret, reason = problem
    report(
        Severity.ERROR,
        *item.locate(caret),
        f"the target {quoted(target_text)} of indicator {quoted(label)} does not parse: {reason}",
    )
    return Indicator(id=node_id, label=label, target_text=target_text)
