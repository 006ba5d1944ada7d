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
    Node,
    OperationalObjective,
    Sector,
    ServiceBlock,
    Severity,
    StrategicObjective,
)
from cssindicators.plan._ids import segment, sibling_ids
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
    """Turns drafts into nodes, each with the id its place gives it (see
    :mod:`cssindicators.plan._ids`), so that the plan is built once, not built then
    copied with its ids; with ``trace``, ``paths`` maps ``id(draft)`` to its node's
    :data:`Path`.

    What cannot become a node (an empty item, an unreadable target) goes to ``report``.
    """

    def __init__(self, report: Report, *, trace: bool = True) -> None:
        self.report = report
        self.trace = trace
        self.paths: dict[int, Path] = {}

    def _traced(self, draft: object, path: Path, *step: tuple[str, int]) -> None:
        if self.trace:
            self.paths[id(draft)] = (*path, *step)

    def sectors(self, sectors: Sequence[Heading]) -> list[Sector]:
        """The sectors that the sector drafts (and all below them) become."""
        ids = sibling_ids("", _segments(Sector, [s.number for s in sectors]))
        built = []
        for s, (sector, node_id) in enumerate(zip(sectors, ids, strict=True)):
            path: Path = (("sectors", s),) if self.trace else ()
            self._traced(sector, path)
            children = sector.children
            child_ids = sibling_ids(
                node_id, _segments(GeneralObjective, [g.number for g in children])
            )
            generals = [
                self._general(g, i, (*path, ("objectives", n)) if self.trace else ())
                for n, (g, i) in enumerate(zip(children, child_ids, strict=True))
            ]
            built.append(
                Sector(
                    id=node_id,
                    number=sector.number,
                    title=sector.title,
                    note=sector.note,
                    objectives=tuple(generals),
                )
            )
        return built

    def _general(self, general: Heading, node_id: str, path: Path) -> GeneralObjective:
        self._traced(general, path)
        children = general.children
        ids = sibling_ids(node_id, _segments(StrategicObjective, [o.number for o in children]))
        strategics = [
            self._strategic(o, i, (*path, ("objectives", n)) if self.trace else ())
            for n, (o, i) in enumerate(zip(children, ids, strict=True))
        ]
        return GeneralObjective(
            id=node_id,
            number=general.number,
            title=general.title,
            note=general.note,
            objectives=tuple(strategics),
        )

    def _strategic(self, strategic: Heading, node_id: str, path: Path) -> StrategicObjective:
        self._traced(strategic, path)
        children: list[Block] = strategic.children
        ids = sibling_ids(node_id, _segments(ServiceBlock, [b.service for b in children]))
        blocks = []
        for n, (block, block_id) in enumerate(zip(children, ids, strict=True)):
            block_path = (*path, ("blocks", n)) if self.trace else ()
            self._traced(block, block_path)
            row_ids = sibling_ids(
                block_id, _segments(OperationalObjective, [r.number for r in block.rows])
            )
            rows = [
                self._operational(row, i, (*block_path, ("objectives", k)) if self.trace else ())
                for k, (row, i) in enumerate(zip(block.rows, row_ids, strict=True))
            ]
            blocks.append(ServiceBlock(id=block_id, service=block.service, objectives=tuple(rows)))
        return StrategicObjective(
            id=node_id,
            number=strategic.number,
            title=strategic.title,
            note=strategic.note,
            blocks=tuple(blocks),
        )

    def _operational(self, row: Row, node_id: str, path: Path) -> OperationalObjective:
        self._traced(row, path)
        kept = self._kept(row.results)
        ids = sibling_ids(node_id, _segments(ExpectedResult, [None] * len(kept)))
        results: list[ExpectedResult] = []
        for item, item_id in zip(kept, ids, strict=True):
            self._traced(item, path, ("results", len(results)))
            results.append(ExpectedResult(id=item_id, text=trim_end(item.text)))
        kept = self._kept(row.indicators)
        ids = sibling_ids(node_id, _segments(Indicator, [None] * len(kept)))
        indicators: list[Indicator] = []
        for item, item_id in zip(kept, ids, strict=True):
            self._traced(item, path, ("indicators", len(indicators)))
            indicators.append(read_indicator(item, self.report, item_id))
        return OperationalObjective(
            id=node_id,
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


def _segments(kind: type[Node], named: Sequence[object]) -> list[str]:
    """The base id segments of siblings of class ``kind`` named by ``named``."""
    return [segment(kind, name, k) for k, name in enumerate(named, 1)]
