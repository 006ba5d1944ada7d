"""The reader of the official CSS template's text export (see ``docs/plan-format.md``).

One pass over the lines, each classified by what it looks like (``_patterns``) and where
it comes: plan header lines, headings (sector, general objective, strategic objective),
the paragraphs under a heading (its title, a parenthesised note), service labels (a line
just above a table header), table headers and tab-separated rows. Lines fill mutable
drafts; at the end the drafts become the frozen plan (``_drafts``, with each indicator
item split into label and target by ``_indicators``), whose ids
:meth:`~cssindicators.plan.Plan.assemble` gives.

Every non-blank line either ends up in the plan or is named by a diagnostic; the reader
remembers which draft each line went into (its *claims*) so that the tests can check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from cssindicators.plan import Diagnostic, Plan, Severity
from cssindicators.reading._drafts import Block, Builder, Draft, Heading, Path, Row
from cssindicators.reading._patterns import (
    ALLOCATION,
    BULLET,
    GENERAL,
    HEADER,
    HEADER_START,
    INLINE_BULLET,
    LEGAL_BASIS,
    LIST_NUMBER,
    NOTE,
    SECTOR,
    SEPARATOR,
    STRATEGIC,
    TITLE,
    as_number,
    heading_match,
    tabbed,
)
from cssindicators.reading._text import Item, Span, clean, quoted

__all__ = ["Reading", "read_template"]


@attrs.frozen
class Reading:
    """A plan and, for every line number, the paths of the nodes that line went into.

    A path is a tuple of ``(field, index)`` steps from the plan; ``()`` is the plan.
    """

    plan: Plan
    claims: dict[int, tuple[Path, ...]]

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

    def __init__(self, text: str, notes: Sequence[Diagnostic] = (), *, trace: bool = True) -> None:
        self.trace = trace
        self.lines = text.removeprefix("\ufeff").split("\n")
        for index, line in enumerate(self.lines):
            if line.endswith("\r"):  # (in place: not a second list of every line)
                self.lines[index] = line[:-1]
        self.diagnostics: list[Diagnostic] = list(notes)
        self.claims: list[tuple[int, Draft]] = []
        self.header: dict[str, Any] = {}
        self.sectors: list[Heading] = []
        self.sector: Heading | None = None
        self.general: Heading | None = None
        self.strategic: Heading | None = None
        self.awaiting: Heading | None = None  # a heading whose title is the next paragraph
        self.noted: Heading | None = None  # the heading a "(note)" paragraph would go to
        self.service: Block | None = None  # a service label waiting for its table header
        self.table: Block | None = None  # the table whose rows are being read
        # the last table of the strategic objective, which a repeated header (a page
        # break) or rows after debris continue; a heading or a service label ends it
        self.resumable: Block | None = None
        self.orphan_table = False  # a table with nowhere to go: its rows are reported
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

    def claim(self, line: int, draft: Draft) -> None:
        if self.trace:
            self.claims.append((line, draft))

    def _continues(self, block: Block | None, index: int) -> bool:
        """Whether line ``index`` is a row that goes on with ``block``'s rows.

        A row without list number continues the last objective; a numbered row continues
        the table when its number comes after the last one ("1.", "2.", then "3.").
        """
        if block is None or not block.rows or index >= len(self.lines):
            return False
        raw = self.lines[index]
        if not tabbed(raw) or HEADER.fullmatch(clean(raw, 0).text):
            return False
        listed = LIST_NUMBER.match(clean(raw.split("\t", 1)[0], 0).text)
        last = block.rows[-1].number
        return listed is None or last is None or int(listed["number"]) > last

    def _is_header(self, index: int) -> bool:
        return (
            index < len(self.lines)
            and HEADER.fullmatch(clean(self.lines[index], index + 1).text) is not None
        )

    # ---------------------------------------------------------------- the pass

    def read(self, source: str | None) -> Reading:
        for index, raw in enumerate(self.lines):
            if not raw.strip():
                continue
            in_table = self.table is not None or self.orphan_table
            row = tabbed(raw)
            if in_table and row and not HEADER_START.match(raw):
                self._row(raw, index + 1)
                continue
            span = clean(raw, index + 1)
            if HEADER.fullmatch(span.text):
                self._table_header(span, index)
            elif row and in_table:
                self._row(raw, index + 1)
            elif row:
                self._stray_row(raw, span)
            else:
                self.table, self.orphan_table = None, False
                self._line(span, index)
        self._no_title()
        return self._finish(source)

    def _line(self, span: Span, index: int) -> None:
        text = span.text
        if SEPARATOR.fullmatch(text):
            self._separator(span)
            return
        for pattern, handle in (
            (SECTOR, self._sector),
            (GENERAL, self._general),
            (STRATEGIC, self._strategic),
        ):
            found = heading_match(pattern, text)
            if found:
                handle(*found, span)
                return
        if not self.sectors and self._plan_header(span):
            return
        self._paragraph(span, index)

    def _separator(self, span: Span) -> None:
        self.report(Severity.INFO, span.line, 1, f"separator line ignored: {quoted(span.text)}")

    def _plan_header(self, span: Span) -> bool:
        text = span.text
        title = TITLE.fullmatch(text)
        if title and "title" not in self.header:
            self.header["title"] = text
            self.header["year"] = as_number(title["year"])
            self.header["commune"] = title["commune"]
            missing = [name for name in ("year", "commune") if self.header[name] is None]
            if missing:
                self.report(
                    Severity.WARNING,
                    *span.locate(0),
                    f"the plan's title gives no {' and no '.join(missing)}",
                )
        elif ALLOCATION.match(text) and "allocation" not in self.header:
            self.header["allocation"] = text
        elif LEGAL_BASIS.match(text) and "legal_basis" not in self.header:
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

    def _open(self, heading: Heading, title: str, span: Span) -> None:
        """Start reading ``heading``: its title on its own line, or in the next paragraph."""
        if title:
            heading.title = title
        else:
            self.awaiting = heading
        self.noted = heading
        self.service = self.table = self.resumable = None
        self.orphan_table = False
        self.claim(span.line, heading)

    def _sector(self, match: re.Match[str], title: str, span: Span) -> None:
        self._no_title()
        number = as_number(match["number"])
        what = "sector" if number is None else f"sector {number}"
        heading = Heading(what, number, span.line, span.locate(0)[1])
        if number is None:
            self.report(Severity.WARNING, *span.locate(0), "sector heading without a number")
        self.sectors.append(heading)
        self.sector, self.general, self.strategic = heading, None, None
        self.resumable = None
        self._open(heading, title, span)

    def _general(self, match: re.Match[str], title: str, span: Span) -> None:
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
        number, named = as_number(match["number"]), as_number(match["sector"])
        what = "general objective" if number is None else f"general objective {number}"
        heading = Heading(what, number, span.line, span.locate(0)[1])
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
        self._open(heading, title, span)

    def _strategic(self, match: re.Match[str], title: str, span: Span) -> None:
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
        number, listed = as_number(match["number"]), as_number(match["list"])
        what = "strategic objective" if number is None else f"strategic objective {number}"
        heading = Heading(what, number, span.line, span.locate(0)[1])
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
        self._open(heading, title, span)

    def _paragraph(self, span: Span, index: int) -> None:
        """A line of text: a note, a title, a service label, or something not understood."""
        text = span.text
        note = NOTE.fullmatch(text)
        inside = note["note"].strip() if note else ""
        if inside and self.noted is not None and self.noted.note is None:
            self.noted.note = inside
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
                    f"service label {quoted(text)} outside any strategic objective: ignored",
                )
                return
            self.service = Block(text)
            self.noted = None
            self.claim(span.line, self.service)
        elif index == self.first and not self.sectors and "title" not in self.header:
            self.report(
                Severity.WARNING,
                *span.locate(0),
                "the document does not start with the title of the CSS template "
                "('CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET …'): only that template "
                f"is read; ignored: {quoted(text)}",
            )
        else:
            where = "before the first sector" if not self.sectors else "here"
            self.report(
                Severity.WARNING,
                *span.locate(0),
                f"text not expected {where}, ignored: {quoted(text)}",
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
        block = self.service or Block(None)
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
        block = self.service or Block(None)
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
                    f"text in a fourth column ignored: {quoted(extra.text)}",
                )
        while len(cells) < 3:
            cells.append(clean("", line, column))
        first = cells[0]
        listed = LIST_NUMBER.match(first.text)
        rows = self.table.rows
        if listed:
            rows.append(Row(int(listed["number"])))
            first = first.slice(listed.end())
        elif not rows:
            self.report(
                Severity.WARNING,
                *first.locate(0),
                "the table's first row has no list number: read as an objective without number",
            )
            rows.append(Row(None))
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
        bullet = BULLET.match(text)
        if bullet:
            cuts.append((0, bullet.end()))
        cuts += [
            (m.start(), m.end()) for m in INLINE_BULLET.finditer(text) if text[m.end()].isupper()
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
        # the lines are read: only the drafts are needed to build the plan
        self.lines, self.following = [], []
        builder = Builder(self.report, trace=self.trace)
        sectors = builder.sectors(self.sectors)
        self.sectors = []
        if not sectors and all(d.severity is Severity.INFO for d in self.diagnostics):
            # an empty file, or text that is not a plan's export and says nothing (but how
            # it was decoded): say so
            self.report(
                Severity.WARNING,
                1,
                1,
                "no sector found: a plan's text export has headings such as "
                '"Secteur d\'activité 2 : Criminalité"; is this the plan?',
            )
        self.diagnostics.sort(key=lambda d: (d.line, d.column))
        # the builder gave every node its id: the plan checks them, it does not copy the
        # tree to give them (as Plan.assemble would)
        plan = Plan(
            commune=self.header.get("commune"),
            year=self.header.get("year"),
            allocation=self.header.get("allocation"),
            legal_basis=self.header.get("legal_basis"),
            sectors=sectors,
            diagnostics=self.diagnostics,
            source=source,
        )
        claims: dict[int, list[Path]] = {}
        for line, draft in self.claims:
            found: Path | None = () if draft is None else builder.paths.get(id(draft))
            if found is not None:
                claims.setdefault(line, []).append(found)
        return Reading(plan, {line: tuple(paths) for line, paths in claims.items()})


def read_template(
    text: str,
    *,
    source: str | None = None,
    notes: Sequence[Diagnostic] = (),
    trace: bool = True,
) -> Reading:
    """Read the text export of a template plan, remembering where each line went.

    ``notes`` are diagnostics about the document found before reading it (how its file
    was decoded); they join the reader's own. Without ``trace``, the lines' claims are
    not recorded (``Reading.claims`` is empty): what the public readers use, as the
    claims cost more memory than the plan.
    """
    return _Reader(text, notes, trace=trace).read(source)
