"""What the lines of the template look like: its title, headings, table header, notes,
separators, list numbers and cell items, as regular expressions over cleaned text.

Each pattern is shown with a line of a real plan above it.
"""

from __future__ import annotations

import re

from cssindicators.reading._text import clean

__all__ = [
    "ALLOCATION",
    "BULLET",
    "GENERAL",
    "HEADER",
    "HEADER_START",
    "INLINE_BULLET",
    "LEGAL_BASIS",
    "LIST_NUMBER",
    "NOTE",
    "SECTOR",
    "SEPARATOR",
    "STRATEGIC",
    "TITLE",
    "as_number",
    "heading_match",
    "tabbed",
    "trim_end",
]

_I = re.IGNORECASE

# No two unbounded repeats that may take the same characters stand next to each other
# (``\s*[:\-–]?\s*`` is written ``\s*(?:[:\-–]\s*)?``; a commune starts with what is
# not a space): each run of spaces is read in one way only. A heading pattern matches
# the start of its line (``match``, not ``fullmatch``): the rest is the heading's title
# (see :func:`heading_match`), which no repeat of the pattern competes for.

# "CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET 2023 DE LA VILLE/COMMUNE DE Molenbeek-…"
TITLE = re.compile(
    r"contrat\s+de\s+s[ée]curit[ée]\s+et\s+de\s+soci[ée]t[ée]\s+plan\s+de\s+projet"
    r"(?:\s+(?P<year>\d{4}))?"
    r"(?:\s+de\s+la\s+(?:ville\s*/\s*commune|ville|commune)\s+(?:de\s+|d['’]\s*)"
    r"(?P<commune>\S.*))?",
    _I,
)
# "ALLOCATION « GENERALE » CONTRAT DE SECURITE ET DE SOCIETE (art.2)"
ALLOCATION = re.compile(r"allocation\b", _I)
# "AR du 1er octobre 2023 relatif à l'octroi d'une allocation…"
LEGAL_BASIS = re.compile(r"(?:a\.?\s?r\.?|arr[êe]t[ée]\s+royal)\s", _I)
# "Secteur d'activité 1 : Contribution au fonctionnement…"   "Secteur d'activité 2:"
SECTOR = re.compile(
    r"secteurs?\s+d['’]\s*activit[ée]s?"
    r"\s*(?:(?P<number>\d+)\s*(?:[:\-–]\s*)?|[:\-–]\s*)",
    _I,
)
# "Objectif général 1 - Secteur d'activité 1:"   "Objectif général - Secteur d'activité 2 :"
GENERAL = re.compile(
    r"objectifs?\s+g[ée]n[ée]ra(?:l|ux)\s*(?:(?P<number>\d+)\s*)?"
    r"(?:[-–]\s*secteurs?\s+d['’]\s*activit[ée]s?\s*(?P<sector>\d+)\s*)?"
    r"(?:[:\-–]\s*)?",
    _I,
)
# "1. Objectif stratégique 1 - Domaine:"   "3. _____ Objectif stratégique 1 - Domaine:"
# "Objectifs stratégique 2 - Domaine :"   (the rule of underscores is cleaned away before)
STRATEGIC = re.compile(
    r"(?:(?P<list>\d+)\s*[.)]\s*)?objectifs?\s+strat[ée]giques?\s*(?:(?P<number>\d+)\s*)?"
    r"(?:[-–]\s*domaines?\b\s*)?(?:[:\-–]\s*)?",
    _I,
)
# "Objectifs opérationnels<TAB>Résultats attendus<TAB>Indicateurs" (tabs cleaned to spaces)
HEADER = re.compile(
    r"objectifs?\s+op[ée]rationnels?\s+r[ée]sultats?\s+attendus?\s+indicateurs?", _I
)
HEADER_START = re.compile(r"\s*objectifs?\s", _I)
# "(Question traitée au niveau de la Zone de Police)"; the spaces inside the brackets are
# stripped from ``note`` by the reader (three adjacent repeats that may all take spaces,
# as in ``\(\s*(.*?)\s*\)``, cost the cube of a run of spaces without a closing bracket)
NOTE = re.compile(r"\((?P<note>.*)\)")
# "--", "_____" (cleaned to nothing), "***"
SEPARATOR = re.compile(r"[-_=*~.•·—–]*")
# the list number of a row: "1. Assurer…", "2.", "3)"
LIST_NUMBER = re.compile(r"(?P<number>\d+)\s*[.)](?= |$)")
# an item at the start of a cell: "- Présence…"; and inside it: "… d'insécurité. - Amélioration…"
BULLET = re.compile(r"[-–•](?: |$)")
INLINE_BULLET = re.compile(r" [-–•] (?=\S)")


def as_number(text: str | None) -> int | None:
    """The number a pattern's group matched, if it matched one.

    >>> as_number("12"), as_number(None)
    (12, None)
    """
    return None if text is None else int(text)


def trim_end(text: str) -> str:
    """Drop a stray ``;`` (and spaces) at the end of a cell item.

    >>> trim_end("Mise en place de projets communs ; ")
    'Mise en place de projets communs'
    """
    # (a loop, not a pattern: ``[\s;]+$`` searched for tries every place of a run of
    # spaces and semicolons, the square of its length when the text goes on after it)
    end = len(text)
    while end and (text[end - 1] == ";" or text[end - 1].isspace()):
        end -= 1
    return text[:end]


def tabbed(raw: str) -> bool:
    """Whether a line holds tabs that make it a table row.

    >>> tabbed("1. Écouter\\t- Constats"), tabbed("Secteur d'activité 2 :\\t")
    (True, False)
    """
    if "\t" not in raw:
        return False
    if raw.rstrip().count("\t"):
        return True
    # trailing tabs after a heading do not make it a row (they do after "1.")
    return not any(p.match(clean(raw, 0).text) for p in (SECTOR, GENERAL, STRATEGIC))


def heading_match(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str], str] | None:
    """The match of a heading pattern at the start of ``text``, and the heading's title:
    the rest of the text.

    >>> match, title = heading_match(SECTOR, "Secteur d'activité 2 : Criminalité")
    >>> match["number"], title
    ('2', 'Criminalité')
    """
    match = pattern.match(text)
    return None if match is None else (match, text[match.end() :])
