"""The reader of the official CSS template's text export (see ``docs/plan-format.md``).

One pass over the lines, each classified by what it looks like and where it comes:
plan header lines, headings (sector, general objective, strategic objective), the
paragraphs under a heading (its title, a parenthesised note), service labels (a line
just above a table header), table headers and tab-separated rows. Rows build mutable
drafts; at the end the drafts become the frozen plan, whose ids
:meth:`~cssindicators.plan.Plan.assemble` gives.

Every non-blank line either ends up in the plan or is named by a diagnostic; the reader
remembers which draft each line went into (its *claims*) so that the tests can check.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs

from cssindicators.errors import TargetSyntaxError
from cssindicators.plan import (
    Diagnostic,
    ExpectedResult,
    GeneralObjective,
    Indicator,
    OperationalObjective,
    Plan,
    Sector,
    ServiceBlock,
    Severity,
    StrategicObjective,
)
from cssindicators.reading._text import Item, Span, clean
from cssindicators.targets import parse_target, target_or_none

__all__ = ["Reading", "read_template"]

_I = re.IGNORECASE

# "CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET 2023 DE LA VILLE/COMMUNE DE Molenbeek-…"
_TITLE = re.compile(
    r"contrat\s+de\s+s[ée]curit[ée]\s+et\s+de\s+soci[ée]t[ée]\s+plan\s+de\s+projet"
    r"(?:\s+(?P<year>\d{4}))?"
    r"(?:\s+de\s+la\s+(?:ville\s*/\s*commune|ville|commune)\s+(?:de\s+|d['’]\s*)"
    r"(?P<commune>.+))?",
    _I,
)
# "ALLOCATION « GENERALE » CONTRAT DE SECURITE ET DE SOCIETE (art.2)"
_ALLOCATION = re.compile(r"allocation\b", _I)
# "AR du 1er octobre 2023 relatif à l'octroi d'une allocation…"
_LEGAL_BASIS = re.compile(r"(?:a\.?\s?r\.?|arr[êe]t[ée]\s+royal)\s", _I)
# "Secteur d'activité 1 : Contribution au fonctionnement…"   "Secteur d'activité 2:"
_SECTOR = re.compile(
    r"secteurs?\s+d['’]\s*activit[ée]s?"
    r"(?:\s*(?P<number>\d+)\s*[:\-–]?|\s*[:\-–])\s*(?P<title>.*)",
    _I,
)
# "Objectif général 1 - Secteur d'activité 1:"   "Objectif général - Secteur d'activité 2 :"
_GENERAL = re.compile(
    r"objectifs?\s+g[ée]n[ée]ra(?:l|ux)(?:\s*(?P<number>\d+))?"
    r"(?:\s*[-–]\s*secteurs?\s+d['’]\s*activit[ée]s?\s*(?P<sector>\d+))?"
    r"\s*[:\-–]?\s*(?P<title>.*)",
    _I,
)
# "1. Objectif stratégique 1 - Domaine:"   "3. _____ Objectif stratégique 1 - Domaine:"
# "Objectifs stratégique 2 - Domaine :"   (the rule of underscores is cleaned away before)
_STRATEGIC = re.compile(
    r"(?:(?P<list>\d+)\s*[.)]\s*)?objectifs?\s+strat[ée]giques?(?:\s*(?P<number>\d+))?"
    r"(?:\s*[-–]\s*domaines?)?\s*[:\-–]?\s*(?P<title>.*)",
    _I,
)
# "Objectifs opérationnels<TAB>Résultats attendus<TAB>Indicateurs" (tabs cleaned to spaces)
_HEADER = re.compile(
    r"objectifs?\s+op[ée]rationnels?\s+r[ée]sultats?\s+attendus?\s+indicateurs?", _I
)
_HEADER_START = re.compile(r"\s*objectifs?\s", _I)
# "(Question traitée au niveau de la Zone de Police)"
_NOTE = re.compile(r"\(\s*(?P<note>.*?)\s*\)")
# "--", "_____" (cleaned to nothing), "***"
_SEPARATOR = re.compile(r"[-_=*~.•·—–]*")
# the list number of a row: "1. Assurer…", "2.", "3)"
_LIST_NUMBER = re.compile(r"(?P<number>\d+)\s*[.)](?= |$)")
# an item at the start of a cell: "- Présence…"; and inside it: "… d'insécurité. - Amélioration…"
_BULLET = re.compile(r"[-–•](?: |$)")
_INLINE_BULLET = re.compile(r" [-–•] (?=\S)")
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
_END_DEBRIS = re.compile(r"[\s;]+$")

_Path = tuple[tuple[str, int], ...]


def _number(text: str | None) -> int | None:
    return None if text is None else int(text)


def _end(text: str) -> str:
    """Drop a stray ``;`` (and spaces) at the end of a cell item."""
    return _END_DEBRIS.sub("", text)


class _Heading:
    """A sector, general or strategic objective being read."""

    __slots__ = ("children", "column", "line", "note", "number", "title", "what")

    def __init__(self, what: str, number: int | None, line: int, column: int) -> None:
        self.what, self.number, self.line, self.column = what, number, line, column
        self.title: str | None = None
        self.note: str | None = None
        self.children: list[Any] = []


class _Block:
    """A table being read, and the service label above it."""

    __slots__ = ("rows", "service")

    def __init__(self, service: str | None) -> None:
        self.service = service
        self.rows: list[_Row] = []


class _Row:
    """An operational objective being read: a numbered row and its continuations."""

    __slots__ = ("indicators", "number", "pieces", "results")

    def __init__(self, number: int | None) -> None:
        self.number = number
        self.pieces: list[Span] = []
        self.results: list[Item] = []
        self.indicators: list[Item] = []


_Draft = _Heading | _Block | _Row | Item | None


@attrs.frozen
class Reading:
    """A plan and, for every line number, the paths of the nodes that line went into.

    A path is a tuple of ``(field, index)`` steps from the plan; ``()`` is the plan.
    """

    plan: Plan
    claims: dict[int, tuple[_Path, ...]]

    def owners(self) -> dict[int, tuple[str, ...]]:
        """For every claimed line, the ids of its nodes (``""`` for the plan itself)."""
        owners = {}
        for line, paths in self.claims.items():
            ids = []
            for path in paths:
                node: Any = self.plan
                for field, index in path:
                    node = getattr(node, field)[index]
                ids.append(node.id if path else "")
            owners[line] = tuple(dict.fromkeys(ids))
        return owners


class _Reader:
    """The state of one reading; :meth:`read` runs it once."""

    def __init__(self, text: str) -> None:
        self.lines = [line.removesuffix("\r") for line in text.removeprefix("\ufeff").split("\n")]
        self.diagnostics: list[Diagnostic] = []
        self.claims: list[tuple[int, _Draft]] = []
        self.header: dict[str, Any] = {}
        self.sectors: list[_Heading] = []
        self.sector: _Heading | None = None
        self.general: _Heading | None = None
        self.strategic: _Heading | None = None
        self.awaiting: _Heading | None = None  # a heading whose title is the next paragraph
        self.noted: _Heading | None = None  # the heading a "(note)" paragraph would go to
        self.service: _Block | None = None  # a service label waiting for its table header
        self.table: _Block | None = None  # the table whose rows are being read
        # the last table of the strategic objective, which a repeated header (a page
        # break) or rows after debris continue; a heading or a service label ends it
        self.resumable: _Block | None = None
        self.orphan_table = False  # a table with nowhere to go: its rows are reported
        self.paths: dict[int, _Path] = {}  # id(draft) -> path in the plan
        self.following = self._following()
        self.first = self.following[0] if self.lines and not self.lines[0].strip() else 0

    # ---------------------------------------------------------------- helpers

    def _following(self) -> list[int]:
        """For each line index, the index of the next non-blank line (or the line count)."""
        following = [len(self.lines)] * len(self.lines)
        upcoming = len(self.lines)
        for index in range(len(self.lines) - 1, -1, -1):
            following[index] = upcoming
            if self.lines[index].strip():
                upcoming = index
        return following

    def report(self, severity: Severity, line: int, column: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(severity, line, column, message))

    def claim(self, line: int, draft: _Draft) -> None:
        self.claims.append((line, draft))

    def _continues(self, block: _Block | None, index: int) -> bool:
        """Whether line ``index`` is a row that goes on with ``block``'s rows.

        A row without list number continues the last objective; a numbered row continues
        the table when its number comes after the last one ("1.", "2.", then "3.").
        """
        if block is None or not block.rows or index >= len(self.lines):
            return False
        raw = self.lines[index]
        if not _tabbed(raw) or _HEADER.fullmatch(clean(raw, 0).text):
            return False
        listed = _LIST_NUMBER.match(clean(raw.split("\t", 1)[0], 0).text)
        last = block.rows[-1].number
        return listed is None or last is None or int(listed["number"]) > last

    def _is_header(self, index: int) -> bool:
        return (
            index < len(self.lines)
            and _HEADER.fullmatch(clean(self.lines[index], index + 1).text) is not None
        )

    # ---------------------------------------------------------------- the pass

    def read(self, source: str | None) -> Reading:
        for index, raw in enumerate(self.lines):
            if not raw.strip():
                continue
            in_table = self.table is not None or self.orphan_table
            tabbed = _tabbed(raw)
            if in_table and tabbed and not _HEADER_START.match(raw):
                self._row(raw, index + 1)
                continue
            span = clean(raw, index + 1)
            if _HEADER.fullmatch(span.text):
                self._table_header(span, index)
            elif tabbed and in_table:
                self._row(raw, index + 1)
            elif tabbed:
                self._stray_row(raw, span)
            else:
                self.table, self.orphan_table = None, False
                self._line(span, index)
        self._no_title()
        return self._finish(source)

    def _line(self, span: Span, index: int) -> None:
        text = span.text
        for pattern, handle in (
            (_SEPARATOR, self._separator),
            (_SECTOR, self._sector),
            (_GENERAL, self._general),
            (_STRATEGIC, self._strategic),
        ):
            match = pattern.fullmatch(text)
            if match:
                handle(match, span)
                return
        if not self.sectors and self._plan_header(span):
            return
        self._paragraph(span, index)

    def _separator(self, _: re.Match[str], span: Span) -> None:
        self.report(Severity.INFO, span.line, 1, f"separator line ignored: {span.text!r}")

    def _plan_header(self, span: Span) -> bool:
        text = span.text
        title = _TITLE.fullmatch(text)
        if title and "title" not in self.header:
            self.header["title"] = text
            self.header["year"] = _number(title["year"])
            self.header["commune"] = title["commune"]
            missing = [name for name in ("year", "commune") if self.header[name] is None]
            if missing:
                self.report(
                    Severity.WARNING,
                    *span.locate(0),
                    f"the plan's title gives no {' and no '.join(missing)}",
                )
        elif _ALLOCATION.match(text) and "allocation" not in self.header:
            self.header["allocation"] = text
        elif _LEGAL_BASIS.match(text) and "legal_basis" not in self.header:
            self.header["legal_basis"] = text
        else:
            return False
        self.claim(span.line, None)
        return True

    # ---------------------------------------------------------------- headings

    def _no_title(self) -> None:
        """Report the heading still waiting for its title, if any."""
        if self.awaiting is not None:
            heading = self.awaiting
            self.report(
                Severity.WARNING, heading.line, heading.column, f"{heading.what} has no title"
            )
            self.awaiting = None

    def _open(self, heading: _Heading, title: str, span: Span) -> None:
        """Start reading ``heading``: its title on its own line, or in the next paragraph."""
        if title:
            heading.title = title
        else:
            self.awaiting = heading
        self.noted = heading
        self.service = self.table = self.resumable = None
        self.orphan_table = False
        self.claim(span.line, heading)

    def _sector(self, match: re.Match[str], span: Span) -> None:
        self._no_title()
        number = _number(match["number"])
        what = "sector" if number is None else f"sector {number}"
        heading = _Heading(what, number, span.line, span.locate(0)[1])
        if number is None:
            self.report(Severity.WARNING, *span.locate(0), "sector heading without a number")
        self.sectors.append(heading)
        self.sector, self.general, self.strategic = heading, None, None
        self.resumable = None
        self._open(heading, match["title"], span)

    def _general(self, match: re.Match[str], span: Span) -> None:
        self._no_title()
        self.general = self.strategic = self.resumable = None
        if self.sector is None:
            self.report(
                Severity.ERROR,
                *span.locate(0),
                "general objective before any sector heading: ignored, with its objectives",
            )
            self.noted = None
            return
        number, named = _number(match["number"]), _number(match["sector"])
        what = "general objective" if number is None else f"general objective {number}"
        heading = _Heading(what, number, span.line, span.locate(0)[1])
        if number is None:
            self.report(
                Severity.INFO,
                *span.locate(0),
                "general objective without a number: its id uses its position",
            )
        if named is not None and named != self.sector.number:
            self.report(
                Severity.WARNING,
                *span.locate(0),
                f"{what} names sector {named} but comes under {self.sector.what}",
            )
        self.sector.children.append(heading)
        self.general = heading
        self._open(heading, match["title"], span)

    def _strategic(self, match: re.Match[str], span: Span) -> None:
        self._no_title()
        self.strategic = self.resumable = None
        if self.general is None:
            self.report(
                Severity.ERROR,
                *span.locate(0),
                "strategic objective outside any general objective: ignored, with its tables",
            )
            self.noted = None
            return
        number, listed = _number(match["number"]), _number(match["list"])
        what = "strategic objective" if number is None else f"strategic objective {number}"
        heading = _Heading(what, number, span.line, span.locate(0)[1])
        if number is None:
            unused = "" if listed is None else f" (the list number {listed} is not used)"
            self.report(
                Severity.WARNING,
                *span.locate(0),
                f"strategic objective without its own number{unused}",
            )
        elif listed is not None and listed != number:
            self.report(
                Severity.INFO,
                *span.locate(0),
                f"list number {listed} ignored: the objective's own number is {number}",
            )
        self.general.children.append(heading)
        self.strategic = heading
        self._open(heading, match["title"], span)

    def _paragraph(self, span: Span, index: int) -> None:
        """A line of text: a note, a title, a service label, or something not understood."""
        text = span.text
        note = _NOTE.fullmatch(text)
        if note and note["note"] and self.noted is not None and self.noted.note is None:
            self.noted.note = note["note"]
            self.claim(span.line, self.noted)
        elif self.awaiting is not None:
            self.awaiting.title = text
            self.claim(span.line, self.awaiting)
            self.awaiting = None
        elif self._is_header(self.following[index]):
            if self.strategic is None:
                self.report(
                    Severity.ERROR,
                    *span.locate(0),
                    f"service label {text!r} outside any strategic objective: ignored",
                )
                return
            self.service = _Block(text)
            self.noted = None
            self.claim(span.line, self.service)
        elif index == self.first and not self.sectors and "title" not in self.header:
            self.report(
                Severity.WARNING,
                *span.locate(0),
                "the document does not start with the title of the CSS template "
                "('CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET …'): only that template "
                f"is read; ignored: {text!r}",
            )
        else:
            where = "before the first sector" if not self.sectors else "here"
            self.report(
                Severity.WARNING, *span.locate(0), f"text not expected {where}, ignored: {text!r}"
            )

    # ---------------------------------------------------------------- tables

    def _table_header(self, span: Span, index: int) -> None:
        self._no_title()
        self.noted = None
        if (
            self.strategic is not None
            and self.service is None
            and self._continues(self.resumable, self.following[index])
        ):
            # "rows split by a page break are joined": the header repeated on the next page
            self.report(
                Severity.INFO,
                *span.locate(0),
                "table header repeated (a page break?): the table above goes on",
            )
            self.table, self.orphan_table = self.resumable, False
            self.claim(span.line, self.resumable)
            return
        if self.strategic is None:
            self.report(
                Severity.ERROR,
                *span.locate(0),
                "table outside any strategic objective: its rows are ignored",
            )
            self.table, self.orphan_table = None, True
            return
        block = self.service or _Block(None)
        self.strategic.children.append(block)
        self.service, self.table, self.orphan_table = None, block, False
        self.resumable = block
        self.claim(span.line, block)

    def _stray_row(self, raw: str, span: Span) -> None:
        """A tab-separated row with no table header above it."""
        if self.strategic is None:
            self.report(
                Severity.ERROR,
                *span.locate(0),
                "table row outside any strategic objective: ignored",
            )
            return
        if self.service is None and self._continues(self.resumable, span.line - 1):
            # rows of a table with debris between them ("--", a page number): one table
            self.table = self.resumable
            self._row(raw, span.line)
            return
        self.report(
            Severity.WARNING,
            *span.locate(0),
            "table row without the header 'Objectifs opérationnels / Résultats attendus / "
            "Indicateurs' above it: read as a new table",
        )
        self._no_title()
        self.noted = None
        block = self.service or _Block(None)
        self.strategic.children.append(block)
        self.service, self.table, self.resumable = None, block, block
        self._row(raw, span.line)

    def _row(self, raw: str, line: int) -> None:
        if self.table is None:
            self.report(
                Severity.ERROR,
                line,
                1,
                "row ignored: its table is outside any strategic objective",
            )
            return
        cells, column = [], 0
        for cell in raw.split("\t"):
            cells.append(clean(cell, line, column))
            column += len(cell) + 1
        for extra in cells[3:]:
            if extra.text:
                self.report(
                    Severity.WARNING,
                    *extra.locate(0),
                    f"text in a fourth column ignored: {extra.text!r}",
                )
        while len(cells) < 3:
            cells.append(clean("", line, column))
        first = cells[0]
        listed = _LIST_NUMBER.match(first.text)
        rows = self.table.rows
        if listed:
            rows.append(_Row(int(listed["number"])))
            first = first.slice(listed.end())
        elif not rows:
            self.report(
                Severity.WARNING,
                *first.locate(0),
                "the table's first row has no list number: read as an objective without number",
            )
            rows.append(_Row(None))
        row = rows[-1]
        if first.text:
            row.pieces.append(first)
        self.claim(line, row)
        self._items(row.results, cells[1])
        self._items(row.indicators, cells[2])

    def _items(self, items: list[Item], span: Span) -> None:
        """Add a cell's text to ``items``: each "- " starts an item, other text continues one."""
        text = span.text
        if not text:
            return
        cuts = []
        bullet = _BULLET.match(text)
        if bullet:
            cuts.append((0, bullet.end()))
        cuts += [
            (m.start(), m.end()) for m in _INLINE_BULLET.finditer(text) if text[m.end()].isupper()
        ]
        if not cuts or cuts[0][0] > 0:
            piece = span.slice(0, cuts[0][0] if cuts else None)
            if not items:
                items.append(Item(*piece.locate(0)))
            items[-1].pieces.append(piece)
            self.claim(span.line, items[-1])
        for k, (start, end) in enumerate(cuts):
            piece = span.slice(end, cuts[k + 1][0] if k + 1 < len(cuts) else None)
            item = Item(*span.locate(start), [piece] if piece.text else [])
            items.append(item)
            self.claim(span.line, item)

    # ---------------------------------------------------------------- the plan

    def _finish(self, source: str | None) -> Reading:
        sectors = []
        for s, sector in enumerate(self.sectors):
            path = (("sectors", s),)
            self.paths[id(sector)] = path
            generals = [
                self._general_objective(g, (*path, ("objectives", n)))
                for n, g in enumerate(sector.children)
            ]
            sectors.append(
                Sector(
                    number=sector.number,
                    title=sector.title,
                    note=sector.note,
                    objectives=tuple(generals),
                )
            )
        self.diagnostics.sort(key=lambda d: (d.line, d.column))
        plan = Plan.assemble(
            commune=self.header.get("commune"),
            year=self.header.get("year"),
            allocation=self.header.get("allocation"),
            legal_basis=self.header.get("legal_basis"),
            sectors=sectors,
            diagnostics=self.diagnostics,
            source=source,
        )
        claims: dict[int, list[_Path]] = {}
        for line, draft in self.claims:
            found: _Path | None = () if draft is None else self.paths.get(id(draft))
            if found is not None:
                claims.setdefault(line, []).append(found)
        return Reading(plan, {line: tuple(paths) for line, paths in claims.items()})

    def _general_objective(self, general: _Heading, path: _Path) -> GeneralObjective:
        self.paths[id(general)] = path
        strategics = [
            self._strategic_objective(o, (*path, ("objectives", n)))
            for n, o in enumerate(general.children)
        ]
        return GeneralObjective(
            number=general.number,
            title=general.title,
            note=general.note,
            objectives=tuple(strategics),
        )

    def _strategic_objective(self, strategic: _Heading, path: _Path) -> StrategicObjective:
        self.paths[id(strategic)] = path
        blocks = []
        for n, block in enumerate(strategic.children):
            block_path = (*path, ("blocks", n))
            self.paths[id(block)] = block_path
            rows = [
                self._operational(row, (*block_path, ("objectives", k)))
                for k, row in enumerate(block.rows)
            ]
            blocks.append(ServiceBlock(service=block.service, objectives=tuple(rows)))
        return StrategicObjective(
            number=strategic.number,
            title=strategic.title,
            note=strategic.note,
            blocks=tuple(blocks),
        )

    def _operational(self, row: _Row, path: _Path) -> OperationalObjective:
        self.paths[id(row)] = path
        results: list[ExpectedResult] = []
        for item in self._kept(row.results):
            self.paths[id(item)] = (*path, ("results", len(results)))
            results.append(ExpectedResult(text=_end(item.text)))
        indicators: list[Indicator] = []
        for item in self._kept(row.indicators):
            self.paths[id(item)] = (*path, ("indicators", len(indicators)))
            indicators.append(self._indicator(item))
        return OperationalObjective(
            number=row.number,
            text=_end(" ".join(piece.text for piece in row.pieces)),
            results=tuple(results),
            indicators=tuple(indicators),
        )

    def _kept(self, items: Sequence[Item]) -> list[Item]:
        """The items with some text; the others are reported."""
        kept = []
        for item in items:
            if _end(item.text):
                kept.append(item)
            else:
                self.report(Severity.INFO, item.line, item.column, "empty item ignored")
        return kept

    def _indicator(self, item: Item) -> Indicator:
        text = _end(item.text)
        label, start = _split_indicator(text)
        if not label:
            self.report(Severity.WARNING, item.line, item.column, "indicator without a label")
        if start is None:
            self.report(
                Severity.WARNING, item.line, item.column, f"indicator {label!r} has no target"
            )
            return Indicator(label=label)
        try:
            return Indicator(
                label=label, target_text=text[start:], target=parse_target(text[start:])
            )
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
        self.report(
            Severity.ERROR,
            *item.locate(start + failure.position),
            f"the target {failure.text!r} of indicator {label!r} does not parse: {failure.reason}",
        )
        return Indicator(label=label, target_text=text[start:])


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


def _tabbed(raw: str) -> bool:
    """Whether a line holds tabs that make it a table row."""
    if "\t" not in raw:
        return False
    if raw.rstrip().count("\t"):
        return True
    # trailing tabs after a heading do not make it a row (they do after "1.")
    return not any(p.fullmatch(clean(raw, 0).text) for p in (_SECTOR, _GENERAL, _STRATEGIC))


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


def read_template(text: str, *, source: str | None = None) -> Reading:
    """Read the text export of a template plan, remembering where each line went."""
    return _Reader(text).read(source)
