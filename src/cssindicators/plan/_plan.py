"""The :class:`Plan`: header fields, sectors, diagnostics; its index of ids, traversal, JSON."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar, TypeVar, overload

import attrs

from cssindicators._suggest import did_you_mean
from cssindicators.errors import PlanError, UnknownNodeError
from cssindicators.plan import _json
from cssindicators.plan._diagnostics import Diagnostic, Severity
from cssindicators.plan._fields import as_tuple, is_number_or_none, is_text_or_none, items_of
from cssindicators.plan._ids import child_ids, with_ids
from cssindicators.plan._nodes import Indicator, Node, Sector

__all__ = ["Plan"]

_N = TypeVar("_N", bound=Node)


# One converter a type, for mypy's attrs plugin (see ``_nodes``).
def _diagnostics(items: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return as_tuple(items)


def _sectors(items: Iterable[Sector]) -> tuple[Sector, ...]:
    return as_tuple(items)


#: A node met by the traversal: the node, the id its place gives, its ancestors, its JSON path.
_Entry = tuple[Node, str, tuple[Node, ...], str]


def _entries(owner: Any, owner_id: str, parents: tuple[Node, ...], path: str) -> list[_Entry]:
    """The children of ``owner`` (a node or the plan) as entries, the last one first
    (for a stack, which then gives them in document order)."""
    entries: list[_Entry] = []
    for name in owner._child_fields:
        children = getattr(owner, name)
        if children:
            ids = child_ids(owner_id, children)
            entries += [
                (child, child_id, parents, f"{path}.{name}[{n}]")
                for n, (child, child_id) in enumerate(zip(children, ids, strict=True))
            ]
    entries.reverse()
    return entries


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@attrs.frozen(kw_only=True, repr=False)
class Plan:
    r"""A whole plan: header fields, sectors, and the reader's diagnostics.

    Every node's ``id`` must be the one its place gives (see :meth:`assemble`);
    ``source`` (the file read, if any) is kept in JSON but not compared. ``repr`` is a
    one-line summary; ``str`` is the whole plan, as its JSON document (:meth:`to_json`).

    >>> plan = Plan.assemble(commune="Molenbeek-Saint-Jean", year=2023, sectors=[
    ...     Sector(number=1, title="Zones de police"),
    ...     Sector(number=1, title="Zones de police"),
    ... ])
    >>> [s.id for s in plan.sectors]
    ['s1', 's1-2']
    >>> plan.node("s1-2").title
    'Zones de police'
    >>> plan
    <Plan commune='Molenbeek-Saint-Jean' year=2023: 2 sectors, 0 indicators, 0 diagnostics>
    >>> Plan(sectors=(Sector(id="x", number=1, title="t"),))
    Traceback (most recent call last):
      ...
    cssindicators.errors.PlanError: $.sectors[0] has id 'x', but its place gives it 's1'; build plans with Plan.assemble()
    """

    kind: ClassVar[str] = "plan"
    _child_fields: ClassVar[tuple[str, ...]] = ("sectors",)
    commune: str | None = attrs.field(default=None, validator=is_text_or_none)
    year: int | None = attrs.field(default=None, validator=is_number_or_none)
    allocation: str | None = attrs.field(default=None, validator=is_text_or_none)
    legal_basis: str | None = attrs.field(default=None, validator=is_text_or_none)
    sectors: tuple[Sector, ...] = attrs.field(
        default=(), converter=_sectors, validator=items_of(Sector)
    )
    diagnostics: tuple[Diagnostic, ...] = attrs.field(
        default=(), converter=_diagnostics, validator=items_of(Diagnostic)
    )
    source: str | None = attrs.field(default=None, eq=False, validator=is_text_or_none)
    _index: dict[str, tuple[Node, tuple[Node, ...]]] = attrs.field(
        init=False, eq=False, factory=dict
    )
    _indicators: tuple[Indicator, ...] = attrs.field(init=False, eq=False, default=())

    def __attrs_post_init__(self) -> None:
        index: dict[str, tuple[Node, tuple[Node, ...]]] = {}
        indicators: list[Indicator] = []
        # One traversal for every level, with an explicit stack (not recursion).
        stack = _entries(self, "", (), "$")
        while stack:
            node, expected, parents, path = stack.pop()
            if node.id != expected:
                raise PlanError(
                    f"{path} has id {node.id!r}, but its place gives it {expected!r}; "
                    "build plans with Plan.assemble()"
                )
            # keyed by the node's own id (equal to the one computed): one string, not two
            index[node.id] = (node, parents)
            if isinstance(node, Indicator):
                indicators.append(node)
            stack += _entries(node, expected, (*parents, node), path)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_indicators", tuple(indicators))

    @classmethod
    def assemble(
        cls,
        *,
        sectors: Sequence[Sector],
        commune: str | None = None,
        year: int | None = None,
        allocation: str | None = None,
        legal_basis: str | None = None,
        diagnostics: Sequence[Diagnostic] = (),
        source: str | None = None,
    ) -> Plan:
        """Build a plan, giving every node the id its place gives it.

        The ids of the nodes passed in are ignored (leave them empty); lists may be any
        sequence, they become tuples. A field of the wrong type is a :class:`PlanError`.

        >>> from cssindicators.plan import GeneralObjective
        >>> plan = Plan.assemble(sectors=[Sector(number=2, title="Criminalité", objectives=(
        ...     GeneralObjective(number=None, title="Criminalité"),))])
        >>> [n.id for n in plan.walk()]
        ['s2', 's2.og1']
        >>> Plan.assemble(year="2023", sectors=[])
        Traceback (most recent call last):
          ...
        cssindicators.errors.PlanError: Plan.year must be a whole number (0 or more) or None, got '2023'
        """
        given: Any = as_tuple(sectors)
        if isinstance(given, tuple) and all(isinstance(s, Sector) for s in given):
            ids = child_ids("", given)
            given = tuple(with_ids(s, i) for s, i in zip(given, ids, strict=True))
        # else: the constructor names what is wrong
        return cls(
            commune=commune,
            year=year,
            allocation=allocation,
            legal_basis=legal_basis,
            sectors=given,
            diagnostics=diagnostics,
            source=source,
        )

    @property
    def title(self) -> str:
        """The plan's name in reports: its commune and year, else ``"Plan"``.

        >>> Plan(commune="Molenbeek-Saint-Jean", year=2023).title
        'Molenbeek-Saint-Jean, 2023'
        >>> Plan(year=2023).title, Plan().title
        ('2023', 'Plan')
        """
        return ", ".join(str(p) for p in (self.commune, self.year) if p is not None) or "Plan"

    @property
    def heading(self) -> str:
        """The :attr:`title`, as the other nodes' ``heading``.

        >>> Plan().heading
        'Plan'
        """
        return self.title

    @property
    def children(self) -> tuple[Sector, ...]:
        """The sectors, as for every other node.

        >>> Plan().children
        ()
        """
        return self.sectors

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity :attr:`Severity.ERROR`.

        >>> Plan(diagnostics=(Diagnostic(Severity.INFO, 1, 1, "debris"),)).errors
        ()
        """
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, in document order.

        >>> Plan().indicators()
        ()
        """
        return self._indicators

    def walk(self) -> Iterator[Node]:
        """Every node below the plan, in document order (each before its children).

        >>> list(Plan().walk())
        []
        """
        return (node for node, _ in self._index.values())

    @overload
    def node(self, node_id: str) -> Node: ...

    @overload
    def node(self, node_id: str, kind: type[_N]) -> _N: ...

    def node(self, node_id: str, kind: type[Any] | None = None) -> Node:
        """The node with id ``node_id``; :class:`UnknownNodeError` if there is none.

        With ``kind`` (a node class), the node must be of that class, and the result is
        typed so: ``plan.node(id, OperationalObjective).results``.

        >>> plan = Plan.assemble(sectors=[Sector(number=1, title="x")])
        >>> plan.node("s1", Sector).title
        'x'
        >>> plan.node("s2")
        Traceback (most recent call last):
          ...
        cssindicators.errors.UnknownNodeError: no node 's2' in the plan; did you mean 's1'?
        >>> plan.node("s1", Indicator)
        Traceback (most recent call last):
          ...
        cssindicators.errors.UnknownNodeError: node 's1' is of kind 'sector', not 'indicator'
        """
        node = self._entry(node_id)[0]
        if kind is not None and not isinstance(node, kind):
            raise UnknownNodeError(
                f"node {node_id!r} is of kind {node.kind!r}, not {getattr(kind, 'kind', kind)!r}"
            )
        return node

    def parents(self, node_id: str) -> tuple[Node, ...]:
        """The ancestors of node ``node_id``, from its sector down to its parent.

        >>> Plan.assemble(sectors=[Sector(number=1, title="x")]).parents("s1")
        ()
        """
        return self._entry(node_id)[1]

    def __contains__(self, node_id: object) -> bool:
        """Whether the plan has a node with this id.

        >>> "s1" in Plan.assemble(sectors=[Sector(number=1, title="x")])
        True
        """
        return node_id in self._index

    def _entry(self, node_id: str) -> tuple[Node, tuple[Node, ...]]:
        try:
            return self._index[node_id]
        except KeyError:
            hint = did_you_mean(str(node_id), self._index, most=3, cutoff=0.5)
            raise UnknownNodeError(f"no node {node_id!r} in the plan{hint}") from None

    def __repr__(self) -> str:
        """One line: the commune and year, how many sectors, indicators and diagnostics.

        >>> Plan(year=2023, diagnostics=[Diagnostic(Severity.ERROR, 3, 1, "bad")])
        <Plan commune=None year=2023: 0 sectors, 0 indicators, 1 diagnostic (1 error)>
        """
        counts = [
            _count(len(self.sectors), "sector"),
            _count(len(self._indicators), "indicator"),
            _count(len(self.diagnostics), "diagnostic"),
        ]
        errors = len(self.errors)
        summary = ", ".join(counts) + (f" ({_count(errors, 'error')})" if errors else "")
        return f"<Plan commune={self.commune!r} year={self.year!r}: {summary}>"

    def __str__(self) -> str:
        return self.to_json()

    def _repr_html_(self) -> str:
        # The notebook display hook: rendering belongs to reports, imported on use.
        from cssindicators.reports import plan_to_html

        return plan_to_html(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The plan as a JSON document (described by ``docs/plan.schema.json``).

        Targets are stored as their canonical text, which parses back to an equal
        target, next to the text written in the document.

        >>> print(Plan(commune="Molenbeek-Saint-Jean", year=2023).to_json(indent=None))
        {"format_version": 1, "commune": "Molenbeek-Saint-Jean", "year": 2023, "allocation": null, "legal_basis": null, "sectors": [], "diagnostics": [], "source": null}
        """
        return _json.dumps(self, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Plan:
        """Read a plan written by :meth:`to_json`; :class:`PlanError` if it is not one.

        >>> Plan.from_json('{"format_version": 1, "sectors": [{"number": "x"}]}')
        Traceback (most recent call last):
          ...
        cssindicators.errors.PlanError: not a plan document: invalid value for type, expected int | None @ $.sectors[0].number; required field missing @ $.sectors[0].title
        """
        return _json.loads(text, cls)
