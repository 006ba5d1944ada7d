"""Drafts: the mutable pieces of a plan while it is read, and the nodes they become.

The reader fills drafts as lines come (a heading gets its title a paragraph later, a row
grows over continuation rows); :class:`Builder` then turns them into frozen nodes and
remembers where in the plan each draft went, so that every line can be traced to the
nodes it fed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cssindicators.plan import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    OperationalObjective,
    Sector,
    ServiceBlock,
    Severity,
    StrategicObjective,
)
from cssindicators.reading._indicators import Report, read_indicator
from cssindicators.reading._patterns import trim_end
from cssindicators.reading._text import Item, Span

__all__ = ["Block", "Builder", "Draft", "Heading", "Path", "Row"]

#: Where a node is in the plan: ``(field, index)`` steps from the plan; ``()`` is the plan.
Path = tuple[tuple[str, int], ...]


class Heading:
    """A sector, general or strategic objective being read."""

    __slots__ = ("children", "column", "line", "note", "number", "title", "what")

    def __init__(self, what: str, number: int | None, line: int, column: int) -> None:
        self.what, self.number, self.line, self.column = what, number, line, column
        self.title: str | None = None
        self.note: str | None = None
        self.children: list[Any] = []


class Block:
    """A table being read, and the service label above it."""

    __slots__ = ("rows", "service")

    def __init__(self, service: str | None) -> None:
        self.service = service
        self.rows: list[Row] = []


class Row:
    """An operational objective being read: a numbered row and its continuations."""

    __slots__ = ("indicators", "number", "pieces", "results")

    def __init__(self, number: int | None) -> None:
        self.number = number
        self.pieces: list[Span] = []
        self.results: list[Item] = []
        self.indicators: list[Item] = []


#: What a line of the document may go into (``None``: the plan's header).
Draft = Heading | Block | Row | Item | None


class Builder:
    """Turns drafts into nodes; ``paths`` maps ``id(draft)`` to its node's :data:`Path`.

    What cannot become a node (an empty item, an unreadable target) goes to ``report``.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self.paths: dict[int, Path] = {}

    def sectors(self, sectors: Sequence[Heading]) -> list[Sector]:
        """The sectors that the sector drafts (and all below them) become."""
        built = []
        for s, sector in enumerate(sectors):
            path = (("sectors", s),)
            self.paths[id(sector)] = path
            generals = [
                self._general(g, (*path, ("objectives", n))) for n, g in enumerate(sector.children)
            ]
            built.append(
                Sector(
                    number=sector.number,
                    title=sector.title,
                    note=sector.note,
                    objectives=tuple(generals),
                )
            )
        return built

    def _general(self, general: Heading, path: Path) -> GeneralObjective:
        self.paths[id(general)] = path
        strategics = [
            self._strategic(o, (*path, ("objectives", n))) for n, o in enumerate(general.children)
        ]
        return GeneralObjective(
            number=general.number,
            title=general.title,
            note=general.note,
            objectives=tuple(strategics),
        )

    def _strategic(self, strategic: Heading, path: Path) -> StrategicObjective:
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

    def _operational(self, row: Row, path: Path) -> OperationalObjective:
        self.paths[id(row)] = path
        results: list[ExpectedResult] = []
        for item in self._kept(row.results):
            self.paths[id(item)] = (*path, ("results", len(results)))
            results.append(ExpectedResult(text=trim_end(item.text)))
        indicators: list[Indicator] = []
        for item in self._kept(row.indicators):
            self.paths[id(item)] = (*path, ("indicators", len(indicators)))
            indicators.append(read_indicator(item, self.report))
        return OperationalObjective(
            number=row.number,
            text=trim_end(" ".join(piece.text for piece in row.pieces)),
            results=tuple(results),
            indicators=tuple(indicators),
        )

    def _kept(self, items: Sequence[Item]) -> list[Item]:
        """The items with some text; the others are reported."""
        kept = []
        for item in items:
            if trim_end(item.text):
                kept.append(item)
            else:
                self.report(Severity.INFO, item.line, item.column, "empty item ignored")
        return kept
