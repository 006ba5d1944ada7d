"""An indicator item read into its label and target, and what the reader says about it.

The label and the target are split at the last colon; without one, the target is the
longest end of the text that the target language reads (see ``docs/plan-format.md``).
Every character after the label belongs to the target, read as the language reads it:
a sign before the number ("- 10 %", "+5 %") makes a change, a note in brackets after
the target ("80 % (moyenne)") is the target's note. What the language cannot read there
(a dash between two numbers, "12 - 18/an"; a dash "–" or two signs before a number;
words after the target; a footnote mark) makes the target unreadable, an error on its
line; it never makes the reader take a shorter target, nor move what it cannot read into
the label.

A dash before a number is a sign, never a separator: "Vols - 10 %" is a decrease of
10 %; before a comparator or a word it separates ("Projets - ≥ 3/an"). Without a colon,
a target holds a number or the slash of "Oui/Non": words alone ("en baisse",
"stabilisation", "Oui") are read only after a colon, since labels say them too
("Diminution des vols"); and a bare number, with or without a note, ends many labels
("Rapport 2023 (bilan)").
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
from cssindicators.targets import Change, Direction, Target, Threshold, parse_target, target_or_none

__all__ = ["read_indicator"]

#: Where the reader's remarks go: severity, line, column, message.
Report = Callable[[Severity, int, int, str], None]

# An indicator written without a colon: its target is the longest suffix of its text that
# the target language reads (the grammar alone knows the words). A suffix starts at a word,
# at a mathematical symbol glued to what is before it ("Visites≥3/an", "-≤ 3/an"), after an
# opening bracket ("(au plus 3/an": then the bracket is reported), at a sign of the
# language glued to a number ("-10 %", a change), or right after other signs or dashes
# ("–10 %", "--10 %": then they are reported; "-≥ 3/an"). Only the last words up to the
# last number are tried, enough for "entre 1 000 et 2 000" and for a change with its share,
# period and baseline ("-10 % des faits de vol par jour ouvrable par rapport à la période
# 2015 - 2019").
_TARGET_WORDS = 24
_WORD_START = re.compile(
    r"(?<!\S)(?P<change>[-+−])(?=\d)|(?<!\S)[-+−–—]+(?P<signed>[^\s\-+−–—])|(?<!\S)(?P<word>\S)"
    r"|(?<=[(\[])(?P<opened>\w)|(?<=\S)(?P<glued>[^\w\s])"
)
# The most words a target has before its first number: a change with its period and its
# baseline ("à la baisse par jour ouvrable par rapport à la période 2010") has eleven.
_HEAD_WORDS = 11
# every target holds a number, or the slash of "Oui/Non"
_NUMBER_OR_SLASH = re.compile(r"[\d/][^\d/]*$")
_NUMBER_OR_SLASH_IN = re.compile(r"[\d/]")
# a number alone ("2023", "1 000"), maybe with a note ("2023 (bilan)"), ends many labels:
# without a colon it is no target
_BARE_NUMBER = re.compile(r"[\d\s.,]+(?:\([^()]*\)[\s.]*)?")
# Dashes between a label and its target: "Nombre de projets - ≥ 3/an".
_DASHES = "-–—"
# A sign before a number: "- 10 %", "+5 %", "−10 %" make a change; a dash ("– 10 %") or
# two signs ("-- 10 %") the language does not read. It is a sign when it stands apart
# from the word before it ("12-18 ans" holds none).
_SIGN_AT = re.compile(r"[-+−–—]+\s*(?=\d)")
_SIGNS = "-+−–—"
#: The signs the target language reads before a number.
_CHANGE_SIGNS = "-+−"
# what may stand before a sign (or the start of the text): "Vols - 10 %", "(+5 %", ":-3"
_BEFORE_SIGN = ":(["
# after a colon, dashes before something that is not a number only separate: "X : - Oui/Non"
# ("X : --10 %" has none: the dashes are signs)
_COLON_SEPARATOR = re.compile(r"\s*(?:[-–—]+\s*(?=[^\d\s\-–—+−]))?")
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
        at = error.position
        if error.expected and text[at : at + 1] in _SIGNS:
            while at and text[at - 1] in _SIGNS:
                at -= 1
            reason = _dash_reason(text, at, error.reason)
            return (error.position if reason is error.reason else at), reason, False
        return at, error.reason, not error.expected
    raise AssertionError(f"{text!r} is a target")  # pragma: no cover - callers check first


def _dash_reason(text: str, at: int, reason: str) -> str:
    """Why a target stops at the sign or dash at ``at``, in plain words when the language
    has a way to say what was likely meant: a range ("12 - 18/an"), a decrease ("– 10 %").

    >>> _dash_reason("12 - 18/an", 3, "…")
    "a dash between two numbers is no decrease: a range is written with 'entre' ('entre 12 et 18/an')"
    >>> _dash_reason("≥ -10 %", 2, "expected a number after '≥', found '-'")
    "expected a number after '≥', found '-'"
    """
    run = _SIGN_AT.match(text, at)
    if run is None:
        return reason
    before = _space_before(text, 0, at)
    if before and text[before - 1].isdigit():
        left, right = text[:before], text[run.end() :].strip()
        if _BARE_NUMBER.fullmatch(left) and target_or_none(f"entre {left} et {right}"):
            return (
                "a dash between two numbers is no decrease: a range is written with 'entre' "
                f"({quoted(f'entre {left} et {right}')})"
            )
        return "a dash between two numbers is no decrease: a range is written with 'entre … et …'"
    if text[at : run.end()].strip() in tuple(_CHANGE_SIGNS):
        # one sign of the language, where no change starts ("≥ -10 %"): the grammar says why
        return reason
    return _sign_reason(text, at)


def _sign_reason(text: str, sign: int) -> str:
    run = _SIGN_AT.match(text, sign)
    if run is None:
        return (
            f"{text[sign]!r} before the target is a sign, which the target language does not read"
        )
    signs = text[sign : run.end()].strip()
    size = text[run.end() :].split(" (")[0].strip()
    return (
        f"{signs!r} before the number is neither a sign nor a separator of the target "
        f"language: write a change with one sign ('- {size}', '+ {size}'), or the level to "
        f"reach ('≥ {size}')"
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
    """The error of the sign at ``sign`` before a target: one sign of the language makes a
    change, and the change says why it does not parse ("- 120 %")."""
    run = _SIGN_AT.match(text, sign)
    if run is not None and text[sign : run.end()].strip() in tuple(_CHANGE_SIGNS):
        position, reason, _ = _failure(text[sign:])
        return _Found(sign, None, (sign + position, reason))
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


def _readable_start(candidate: str, position: int, past: int | None = None) -> Target | None:
    """The longest target that ``candidate``, which stops being one at ``position``, starts
    with ("≥ 3/an" of "≥ 3/an au total"); not a bare number, nor words alone, unless they
    reach past offset ``past``: "Diminution" and "Maintien" start labels ("Diminution des
    vols -10 %"), but "en baisse" of "en baisse de 10 %" reads into "baisse de 10 %"."""
    ends = [position, *(m.start() for m in _SPACE.finditer(candidate, 0, position))]
    for end in sorted(set(ends), reverse=True)[:_PREFIXES]:
        prefix = candidate[:end].rstrip()
        words = past is not None and len(prefix) > past
        if (words or _NUMBER_OR_SLASH_IN.search(prefix)) and not _BARE_NUMBER.fullmatch(prefix):
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
    # a change written with a sign ("- 10 %") has no comparator of its own either
    signed = text[start] in _CHANGE_SIGNS
    implicit = text[start].isdigit() or signed
    edge = start if sign is None else sign
    for begin in earlier:
        # (every earlier candidate is tried, even one that is no whole target before
        # ``start``: "maintien du niveau de 2010-2011 au total" reads into the range
        # "de 2010-2011 au total" it holds, and is a broken target, not a label)
        candidate = text[begin:]
        position, reason, whole = _failure(candidate)
        reach = begin + position
        # a range or a comparator that reads on up to a number without a comparator
        # ("12 - 18/an", "≥ -10 %", "≥ 3/an +5": it stops at the sign)
        claims = implicit and (
            whole or reach > edge or ((sign is not None or signed) and reach == edge)
        )
        signs = None
        if not claims and (implicit or reach > start):
            # a whole target before it, or one after a sign ("--0,01 % en 2 sessions")
            readable = _readable_start(candidate, position, start - begin)
            signs = _sign_before(text, low, begin) if readable is not None else None
            claims = readable is not None and (signs is not None or _explicit(candidate, readable))
        if claims:
            if signs is not None:
                return _opened(text, low, _sign(text, signs))
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
    _Found(start=20, target=Change('diminution de 10 %'), problem=None)
    >>> _target_start("Taux – 10 %")
    _Found(start=5, target=None, problem=(5, "'–' before the number is neither a sign nor a separator of the target language: write a change with one sign ('- 10 %', '+ 10 %'), or the level to reach ('≥ 10 %')"))
    """
    last = _NUMBER_OR_SLASH.search(text, low)
    if last is None:
        return None
    starts = [
        m.start("signed") if m["signed"] else m.start()
        for m in _WORD_START.finditer(text, low, last.start() + 1)
        if m["change"]
        or m["signed"]
        or m["word"]
        or m["opened"]
        or unicodedata.category(m["glued"]) == "Sm"
    ][-_TARGET_WORDS:]
    # A failed parse is costly: skip the starts that cannot begin a target, those with
    # no number nor slash in their first words (at most _HEAD_WORDS words come before the
    # number, or the "/" of "Oui / Non": "> / = à", "à la baisse par rapport à 2022").
    head = _HEAD_WORDS
    ends = [*starts[head:], *[len(text)] * min(head, len(starts))]
    tried: list[int] = []
    for start, end in zip(starts, ends, strict=True):
        if not _NUMBER_OR_SLASH_IN.search(text, start, end):
            continue
        target = target_or_none(text[start:])
        if target is None:
            tried.append(start)
        elif _BARE_NUMBER.fullmatch(text, start):
            # "… en 2023", "… 2023 (bilan)": words of the label
            return _broken(text, low, tried)
        else:
            return _checked(text, low, start, target, tried)
    return _broken(text, low, tried)


def _last_colon(text: str) -> int:
    """Where the last colon outside brackets is in ``text`` (-1: there is none): a colon in
    brackets is a note's ("Oui/Non (source : BNG)") or the label's ("Projets (phase :
    pilote) ≥ 3/an"); a bracket that no other closes counts for nothing.

    A colon between two digits is a duration's ("≥ 1:30 par jour"), not a separator.

    >>> _last_colon("Taux : 80 % (source : BNG)"), _last_colon("Projets (phase : pilote)")
    (5, -1)
    >>> _last_colon("Présence : ≥ 1:30 par jour")
    9
    """
    outside: list[int] = []
    groups: list[list[int]] = []  # the colons of each bracket still open
    for at, char in enumerate(text):
        if char == ":" and text[at - 1 : at].isdigit() and text[at + 1 : at + 2].isdigit():
            continue
        if char == ":":
            (groups[-1] if groups else outside).append(at)
        elif char == "(":
            groups.append([])
        elif char == ")" and groups:
            groups.pop()
    return max([*outside, *(at for group in groups for at in group)], default=-1)


def _opens_a_target(text: str) -> bool:
    """Whether ``text`` (after a colon) is a bracket opened before a target, words alone
    included: "(stabilisation en 2 sessions" is a broken target, not the label going on
    as "(phase 2 : pilotes)" does.

    >>> _opens_a_target("(stabilisation en 2 sessions"), _opens_a_target("(phase 2 : pilotes)")
    (True, False)
    """
    inner = text.lstrip("([ ")
    if len(inner) == len(text) or not inner:
        return False
    if target_or_none(inner) is not None:  # "(Oui/Non": a bracket before a whole target
        return True
    position, _, _ = _failure(inner)
    return position > 0 and _readable_start(inner, position, 0) is not None


def _split_indicator(text: str) -> tuple[str, _Found | None]:
    """The label of an indicator's text, and where its target starts (``None``: it has
    none).

    The target follows the last colon outside brackets (see :func:`_last_colon`); without
    a colon, it is the longest suffix that
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
    >>> _split_indicator("Taux : 80 % (source : BNG)")
    ('Taux', _Found(start=7, target=Threshold('≥ 80 % (source : BNG)'), problem=None))
    """
    colon = _last_colon(text)
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
    position, reason, whole = _failure(text[start:])
    if position == 0 and not whole and not _opens_a_target(text[start:]):
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
_INCREASE = re.compile(
    r"\b(?:augment|hausse|accro|progress|stijg|toename|toenem|verhog|groei|increas|rais)",
    re.IGNORECASE,
)
# The words that start a change in the target language ("réduction de 10 %"), and the
# start of a size that names none ("de 10 %" after "Réduction des vols").
_CHANGE_WORD = re.compile(
    r"\b(?:diminution|baisse|r[ée]duction|recul|daling|vermindering|afname|reductie|"
    r"decrease|decline|augmentation|hausse|progression|accroissement|stijging|toename|"
    r"verhoging|groei|increase|growth)\b",
    re.IGNORECASE,
)
_SIZE_START = re.compile(r"(?:de|d['’]|met|van|by|of)\s*\d", re.IGNORECASE)


def _change_hint(label: str, target_text: str) -> str:
    """What to add to the error of a size without its change word, when the label says
    it ("Réduction des vols de 10 %"): the language reads a change from its word on."""
    word = _CHANGE_WORD.search(label)
    if word is None or not _SIZE_START.match(target_text):
        return ""
    return (
        f"; if a change is meant, write it from its word, after a colon "
        f"('… : {word[0].lower()} {target_text}')"
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
    >>> read_indicator(item, lambda *remark: print(*remark))
    Indicator(id='', label='Diminution des vols', target_text='- 10 %', target=Change('diminution de 10 %'))
    >>> item = Item(6, 1, [clean("Nombre de jeunes 12 - 18/an", 6)])
    >>> read_indicator(item, lambda *remark: print(*remark))  # doctest: +ELLIPSIS
    Severity.ERROR 6 21 the target '12 - 18/an' of indicator 'Nombre de jeunes' does not parse: a dash between two numbers is no decrease: ...
    Indicator(id='', label='Nombre de jeunes', target_text='12 - 18/an', target=None)
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
                f"decrease: if a decrease is meant, write it ({quoted('- ' + target_text)}), "
                "or the level to reach ('≤ …')",
            )
        # a sign and a number alone, after a label that names no change: the sign may be a
        # dash meant to separate them (a change with its baseline says it is one)
        signed = target_text[:1] in _CHANGE_SIGNS and label
        if isinstance(target, Change) and signed and target.baseline is None:
            words = _INCREASE if target.direction is Direction.INCREASE else _DECREASE
            if not words.search(label):
                report(
                    Severity.WARNING,
                    *item.locate(start),
                    f"the sign of {quoted(target_text)} makes the target of indicator "
                    f"{quoted(label)} a change ({quoted(str(target))}), though the label names "
                    "none: if no change is meant, write the level without the sign "
                    f"({quoted(label + ' : ' + target_text[1:].strip())} for at least, "
                    "'≤ …' for at most)",
                )
        return Indicator(id=node_id, label=label, target_text=target_text, target=target)
    caret, reason = problem
    report(
        Severity.ERROR,
        *item.locate(caret),
        f"the target {quoted(target_text)} of indicator {quoted(label)} does not parse: {reason}"
        + _change_hint(label, target_text),
    )
    return Indicator(id=node_id, label=label, target_text=target_text)
