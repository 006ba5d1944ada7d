"""The baseline for parse benchmarks: a hand-written ``re`` reader of target texts.

It extracts the same fields (comparator, amount, unit, period) into the same rule
objects as :func:`cssindicators.parse_target`, with one regular expression and table
look-ups: what a developer would write without a grammar. It has no error messages
worth the name and is not part of the library.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cssindicators import targets as t
from cssindicators.periods import TimeUnit

_CMP = {
    "ge": t.Comparator.AT_LEAST,
    "le": t.Comparator.AT_MOST,
    "gt": t.Comparator.MORE_THAN,
    "lt": t.Comparator.LESS_THAN,
    "eq": t.Comparator.EQUAL,
}
_PER_WORDS = {
    TimeUnit.YEAR: "années|année|annee|ans|an|jaren|jaar|years|year|yr",
    TimeUnit.SEMESTER: "semestres|semestre|semesters|semester|halfjaar|half-year",
    TimeUnit.QUARTER: "trimestres|trimestre|kwartalen|kwartaal|quarters|quarter",
    TimeUnit.MONTH: "mois|maanden|maand|months|month",
    TimeUnit.WEEK: "semaines|semaine|sem|weken|week|weeks|wk",
    TimeUnit.DAY: "journées|journée|jours|jour|j|dagen|dag|days|day",
}
_ADVERBS = {
    TimeUnit.YEAR: r"annuellement|jaarlijks|yearly|annually|per\s+annum",
    TimeUnit.SEMESTER: "semestriellement|halfjaarlijks|half-yearly",
    TimeUnit.QUARTER: "trimestriellement|driemaandelijks|quarterly",
    TimeUnit.MONTH: "mensuellement|maandelijks|monthly",
    TimeUnit.WEEK: "hebdomadairement|wekelijks|weekly",
    TimeUnit.DAY: "quotidiennement|journellement|dagelijks|daily",
}
_NUM = r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?"
_UNIT = (
    r"(?P<h{n}>(?:heures|heure|hours|hour|uren|uur|hrs|hr|h)\b)"
    r"|(?P<m{n}>(?:minutes|minute|minuten|minuut|mins|min|mn)\b)"
    r"|(?P<p{n}>%|(?:pour\s*cent|pourcents?|procent|percent|pct)\b)"
    r"|(?P<w{n}>{stop}[^\W\d_]+(?:['’-][^\W\d_]+)*(?:\s+{stop}[^\W\d_]+(?:['’-][^\W\d_]+)*)*)"
)
_STOP = (
    r"(?!(?:par|per|chaque|elke|iedere|every|each|et|à|en|tot|and|to|"
    + "|".join(_ADVERBS.values()).replace("(", "(?:")
    + r")\b)"
)
_PER = "|".join(
    [rf"(?P<a{u.name}>{w})\b" for u, w in _ADVERBS.items()]
    + [
        r"(?:/|(?:par|per|chaque|elke|iedere|every|each)\b)\s*(?:"
        + "|".join(rf"(?P<p{u.name}>{w})\b" for u, w in _PER_WORDS.items())
        + ")"
    ]
)
_PATTERN = re.compile(
    r"\s*(?:"
    r"(?P<yesno>(?:oui|ja|yes)\s*/\s*(?:non|nee|no)\b)"
    r"|(?P<range>(?:entre|de|tussen|van|between|from)\b)\s*(?P<low>"
    + _NUM
    + r")\s*(?:"
    + _UNIT.format(n=1, stop=_STOP)
    + r")?\s*(?:(?:et|à|en|tot|and|to)\b|[-–])\s*(?P<high>"
    + _NUM
    + r")"
    r"|(?:(?P<ge>(?:≥|>\s*/?\s*=|=\s*>)(?:\s*à)?|au\s+moins|minimum|minimaal|minstens|ten\s+minste|at\s+least|min\b\.?)"
    r"|(?P<le>(?:≤|<\s*/?\s*=|=\s*<)(?:\s*à)?|au\s+plus|maximum|maximaal|hoogstens|ten\s+hoogste|at\s+most|up\s+to|max\b\.?)"
    r"|(?P<gt>>(?:\s*à)?|(?:plus\s+de|meer\s+dan|more\s+than)\b)"
    r"|(?P<lt><(?:\s*à)?|(?:moins\s+de|minder\s+dan|less\s+than|fewer\s+than)\b)"
    r"|(?P<eq>=(?:\s*à)?|(?:exactement|precies|exactly)\b))?\s*(?P<amount>" + _NUM + r")"
    r")\s*(?:" + _UNIT.format(n=2, stop=_STOP) + r")?\s*(?:" + _PER + r")?\s*\.?\s*",
    re.IGNORECASE,
)
_TIMES = {"fois", "keer", "maal", "times", "x"}


def _amount(text: str) -> Decimal:
    return Decimal(re.sub(r"\s", "", text).replace(",", "."))


def _unit(match: re.Match[str], n: int) -> t.Unit | None:
    if match[f"h{n}"]:
        return t.HOURS
    if match[f"m{n}"]:
        return t.MINUTES
    if match[f"p{n}"]:
        return t.PERCENT
    word = match[f"w{n}"]
    if word:
        name = " ".join(word.split()).lower()
        return t.TIMES if name in _TIMES else t.Unit(t.UnitKind.COUNT, name)
    return None


def parse(text: str) -> t.Target:
    """Read a target text with one regular expression; ``ValueError`` if it does not match."""
    match = _PATTERN.fullmatch(text)
    if match is None:
        raise ValueError(text)
    if match["yesno"]:
        return t.YesNo()
    per = None
    for unit in TimeUnit:
        if match[f"a{unit.name}"] or match[f"p{unit.name}"]:
            per = unit
            break
    if match["range"]:
        return t.Between(
            _amount(match["low"]), _amount(match["high"]), _unit(match, 2) or _unit(match, 1), per
        )
    comparator = next((c for key, c in _CMP.items() if match[key]), t.Comparator.AT_LEAST)
    return t.Threshold(comparator, _amount(match["amount"]), _unit(match, 2), per)
