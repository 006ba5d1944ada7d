r"""The plan: an immutable tree of sectors, objectives, services, results and indicators.

A *Contrat de Sécurité et de Société* plan is a hierarchy::

    Plan                      commune, year, allocation, legal basis
    └─ Sector                 "Secteur d'activité 2 : Lutte contre la criminalité…"
       └─ GeneralObjective    "Objectif général 1 - Secteur d'activité 2 :"
          └─ StrategicObjective    "Objectif stratégique 1 - Domaine :" (+ optional note)
             └─ ServiceBlock       the service that owns a table: "GDP", "SCAPI"…
                └─ OperationalObjective   a numbered table row
                   ├─ ExpectedResult      "Résultats attendus" items
                   └─ Indicator           "Indicateurs" items: label + target

Every node is a frozen, slotted, hashable attrs class with a ``kind``, a ``children``
tuple and an ``id`` derived from its place in the plan (see ``docs/plan-format.md``).
Plans are usually read with :func:`cssindicators.reading.parse_plan`; build one by hand
with :meth:`Plan.assemble`, which gives every node its id:

>>> from cssindicators.reading import parse_plan
>>> plan = parse_plan(
...     "Secteur d'activité 2 : Lutte contre la criminalité\n"
...     "Objectif général 1 - Secteur d'activité 2 :\n"
...     "Lutte contre la criminalité\n"
...     "Objectif stratégique 1 - Domaine :\n"
...     "Prévention\n"
...     "GDP\n"
...     "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
...     "1. Être présent\t- Présence quotidienne\t- Heures de présence : ≥ 3 heures/jour\n"
... )
>>> [(i.id, i.label, i.target) for i in plan.indicators()]
[('s2.og1.os1.gdp.oo1.i1', 'Heures de présence', Threshold('≥ 3 heures/jour'))]
>>> [p.id for p in plan.parents("s2.og1.os1.gdp.oo1.i1")]
['s2', 's2.og1', 's2.og1.os1', 's2.og1.os1.gdp', 's2.og1.os1.gdp.oo1']
>>> Plan.from_json(plan.to_json()) == plan
True
"""

from __future__ import annotations

import enum
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar, TypeVar, overload

import attrs

from cssindicators._color import BOLD_RED, BOLD_YELLOW, CYAN, DIM, GREEN, paint
from cssindicators._suggest import did_you_mean
from cssindicators.errors import PlanError, UnknownNodeError, _caret_excerpt
from cssindicators.targets import Target, parse_target

__all__ = [
    "FORMAT_VERSION",
    "Diagnostic",
    "ExpectedResult",
    "GeneralObjective",
    "Indicator",
    "Node",
    "OperationalObjective",
    "Plan",
    "Sector",
    "ServiceBlock",
    "Severity",
    "StrategicObjective",
    "format_diagnostics",
    "format_tree",
]

#: Version of the JSON document written by :meth:`Plan.to_json`.
FORMAT_VERSION = 1


class Severity(enum.Enum):
    """How serious a :class:`Diagnostic` is.

    ``ERROR``: something of the document could not be read into the plan (a target that
    does not parse, a table outside any objective). ``WARNING``: the document departs from
    the template, and the reader made a choice (a heading without title, text it does
    not understand). ``INFO``: debris the reader skipped or a number it did not use.

    >>> Severity("error") is Severity.ERROR
    True
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def _positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name} must be 1 or more, got {value!r}")


# Children and diagnostics given as any iterable (a list) are kept as tuples, so that
# nodes compare and hash. One converter a type: mypy's attrs plugin types ``__init__``
# from the converter's argument, which a generic function would leave unsolved.
def _diagnostics(items: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(items)


def _results(items: Iterable[ExpectedResult]) -> tuple[ExpectedResult, ...]:
    return tuple(items)


def _indicators(items: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(items)


def _operationals(items: Iterable[OperationalObjective]) -> tuple[OperationalObjective, ...]:
    return tuple(items)


def _blocks(items: Iterable[ServiceBlock]) -> tuple[ServiceBlock, ...]:
    return tuple(items)


def _strategics(items: Iterable[StrategicObjective]) -> tuple[StrategicObjective, ...]:
    return tuple(items)


def _generals(items: Iterable[GeneralObjective]) -> tuple[GeneralObjective, ...]:
    return tuple(items)


def _sectors(items: Iterable[Sector]) -> tuple[Sector, ...]:
    return tuple(items)


_COLOURS = {Severity.ERROR: BOLD_RED, Severity.WARNING: BOLD_YELLOW, Severity.INFO: CYAN}


@attrs.frozen
class Diagnostic:
    """A remark of the reader about one place of the document: 1-based line and column.

    >>> d = Diagnostic(Severity.WARNING, 54, 1, "sector 2 has no title")
    >>> print(d.format("plan.txt"))
    plan.txt:54:1: warning: sector 2 has no title
    >>> str(d)
    '54:1: warning: sector 2 has no title'
    """

    severity: Severity
    line: int = attrs.field(validator=_positive)
    column: int = attrs.field(validator=_positive)
    message: str

    def format(self, source: str | None = None, *, color: bool = False) -> str:
        """``source:line:column: severity: message``, as compilers print them.

        ``source`` defaults to ``<text>``; ``color`` adds ANSI colours (for terminals).

        >>> print(Diagnostic(Severity.ERROR, 3, 7, "bad").format(color=True))
        <text>:3:7: \x1b[1;31merror\x1b[0m: bad
        """
        severity = paint(self.severity.value, _COLOURS[self.severity], color=color)
        return f"{source or '<text>'}:{self.line}:{self.column}: {severity}: {self.message}"

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.severity.value}: {self.message}"


# ---------------------------------------------------------------------------- nodes


@attrs.frozen(kw_only=True)
class Indicator:
    """An indicator: what is counted (``label``) and its target.

    ``target_text`` is the target as written in the document (``None`` when the
    indicator has none); ``target`` is what it parses to, or ``None`` when it has no
    target or its target does not parse (the reader then reports an error).

    >>> from cssindicators.targets import parse_target
    >>> i = Indicator(label="Nombre de réunions", target_text=">/=à 50/an.",
    ...               target=parse_target(">/=à 50/an."))
    >>> i.kind, i.target, i.children
    ('indicator', Threshold('≥ 50/an'), ())
    """

    kind: ClassVar[str] = "indicator"
    id: str = ""
    label: str
    target_text: str | None = None
    target: Target | None = None

    @property
    def heading(self) -> str:
        """What the node says, in one line: its label (``""`` if it has none).

        Every node has one (title, service, text or label), to name nodes without
        knowing their class.

        >>> Indicator(label="Nombre de réunions").heading
        'Nombre de réunions'
        """
        return self.label

    @property
    def children(self) -> tuple[()]:
        """Indicators are leaves: ``()``.

        >>> Indicator(label="x").children
        ()
        """
        return ()


@attrs.frozen(kw_only=True)
class ExpectedResult:
    """An expected result ("Résultats attendus") of an operational objective.

    >>> ExpectedResult(text="Mise en place de projets communs").kind
    'expected_result'
    """

    kind: ClassVar[str] = "expected_result"
    id: str = ""
    text: str

    @property
    def heading(self) -> str:
        """What the node says, in one line: its text (``""`` if it has none).

        Every node has one (title, service, text or label), to name nodes without
        knowing their class.

        >>> ExpectedResult(text="Projets communs").heading
        'Projets communs'
        """
        return self.text

    @property
    def children(self) -> tuple[()]:
        """Expected results are leaves: ``()``.

        >>> ExpectedResult(text="x").children
        ()
        """
        return ()


@attrs.frozen(kw_only=True)
class OperationalObjective:
    """A numbered row of a table: the objective, its expected results and indicators.

    ``number`` is the row's list number ("1.", "2."…); ``text`` may be empty (an empty
    template row).

    >>> o = OperationalObjective(number=1, text="Tenir des réunions",
    ...                          results=(ExpectedResult(text="Projets communs"),))
    >>> o.kind, [c.kind for c in o.children]
    ('operational_objective', ['expected_result'])
    """

    kind: ClassVar[str] = "operational_objective"
    id: str = ""
    number: int | None
    text: str
    results: tuple[ExpectedResult, ...] = attrs.field(default=(), converter=_results)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicators)

    @property
    def heading(self) -> str:
        """What the node says, in one line: its text (``""`` if it has none).

        Every node has one (title, service, text or label), to name nodes without
        knowing their class.

        >>> OperationalObjective(number=1, text="").heading
        ''
        """
        return self.text

    @property
    def children(self) -> tuple[ExpectedResult | Indicator, ...]:
        """The expected results, then the indicators.

        >>> OperationalObjective(number=1, text="x", indicators=(Indicator(label="y"),)
        ...                      ).children[0].kind
        'indicator'
        """
        return (*self.results, *self.indicators)


@attrs.frozen(kw_only=True)
class ServiceBlock:
    """One table of a strategic objective and the service that owns it.

    ``service`` is the label written above the table (``"GDP"``,
    ``"GDP/CELL INCIVILITES"``), or ``None`` for a table with no label above it.

    >>> ServiceBlock(service="SCAPI").kind
    'service_block'
    """

    kind: ClassVar[str] = "service_block"
    id: str = ""
    service: str | None
    objectives: tuple[OperationalObjective, ...] = attrs.field(default=(), converter=_operationals)

    @property
    def heading(self) -> str:
        """What the node says, in one line: its service (``""`` if it has none).

        Every node has one (title, service, text or label), to name nodes without
        knowing their class.

        >>> ServiceBlock(service="SCAPI").heading
        'SCAPI'
        """
        return self.service or ""

    @property
    def children(self) -> tuple[OperationalObjective, ...]:
        """The operational objectives (table rows).

        >>> ServiceBlock(service=None).children
        ()
        """
        return self.objectives


@attrs.frozen(kw_only=True)
class StrategicObjective:
    """A strategic objective: its own number, its domain (``title``) and an optional note.

    ``number`` is the one in "Objectif stratégique 2", never the list number before it.

    >>> StrategicObjective(number=2, title="Réaction/répression").kind
    'strategic_objective'
    """

    kind: ClassVar[str] = "strategic_objective"
    id: str = ""
    number: int | None
    title: str | None
    note: str | None = None
    blocks: tuple[ServiceBlock, ...] = attrs.field(default=(), converter=_blocks)

    @property
    def heading(self) -> str:
        """What the node says, in one line: its title (``""`` if it has none).

        Every node has one (title, service, text or label), to name nodes without
        knowing their class.

        >>> StrategicObjective(number=2, title="Réaction/répression").heading
        'Réaction/répression'
        """
        return self.title or ""

    @property
    def children(self) -> tuple[ServiceBlock, ...]:
        """The service blocks (tables).

        >>> StrategicObjective(number=1, title="x").children
        ()
        """
        return self.blocks


@attrs.frozen(kw_only=True)
class GeneralObjective:
    """A general objective of a sector, with an optional note.

    >>> GeneralObjective(number=None, title="Lutte contre la criminalité").kind
    'general_objective'
    """

    kind: ClassVar[str] = "general_objective"
    id: str = ""
    number: int | None
    title: str | None
    note: str | None = None
    objectives: tuple[StrategicObjective, ...] = attrs.field(default=(), converter=_strategics)

    @property
    def heading(self) -> str:
        """What the node says, in one line: its title (``""`` if it has none).

        Every node has one (title, service, text or label), to name nodes without
        knowing their class.

        >>> GeneralObjective(number=1, title=None).heading
        ''
        """
        return self.title or ""

    @property
    def children(self) -> tuple[StrategicObjective, ...]:
        """The strategic objectives.

        >>> GeneralObjective(number=1, title="x").children
        ()
        """
        return self.objectives


@attrs.frozen(kw_only=True)
class Sector:
    """A sector of activity ("Secteur d'activité"); a number may occur more than once.

    >>> Sector(number=3, title="Lutte contre le terrorisme et l'extrémisme").kind
    'sector'
    """

    kind: ClassVar[str] = "sector"
    id: str = ""
    number: int | None
    title: str | None
    note: str | None = None
    objectives: tuple[GeneralObjective, ...] = attrs.field(default=(), converter=_generals)

    @property
    def heading(self) -> str:
        """What the node says, in one line: its title (``""`` if it has none).

        Every node has one (title, service, text or label), to name nodes without
        knowing their class.

        >>> Sector(number=3, title="Terrorisme").heading
        'Terrorisme'
        """
        return self.title or ""

    @property
    def children(self) -> tuple[GeneralObjective, ...]:
        """The general objectives.

        >>> Sector(number=1, title="x").children
        ()
        """
        return self.objectives


#: Any node of a plan below the plan itself.
Node = (
    Sector
    | GeneralObjective
    | StrategicObjective
    | ServiceBlock
    | OperationalObjective
    | ExpectedResult
    | Indicator
)

# ---------------------------------------------------------------------------- ids

_N = TypeVar("_N", bound=Node)


def _slug(text: str) -> str:
    """``"GDP/CELL INCIVILITES"`` -> ``"gdp-cell-incivilites"`` (ASCII, lower case)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _segment(node: Node, position: int) -> str:
    """The base id segment of ``node``, the ``position``-th (1-based) of its list."""
    if isinstance(node, Sector):
        return f"s{position if node.number is None else node.number}"
    if isinstance(node, GeneralObjective):
        return f"og{position if node.number is None else node.number}"
    if isinstance(node, StrategicObjective):
        return f"os{position if node.number is None else node.number}"
    if isinstance(node, ServiceBlock):
        return (node.service and _slug(node.service)) or f"t{position}"
    if isinstance(node, OperationalObjective):
        return f"oo{position if node.number is None else node.number}"
    if isinstance(node, ExpectedResult):
        return f"r{position}"
    return f"i{position}"


def _child_ids(parent: str, nodes: Sequence[Node]) -> list[str]:
    """The ids of one list of siblings: a repeated segment gets ``-2``, ``-3``…"""
    taken: set[str] = set()
    counters: dict[str, int] = {}
    ids = []
    for position, node in enumerate(nodes, 1):
        base = segment = _segment(node, position)
        while segment in taken:
            counters[base] = counters.get(base, 1) + 1
            segment = f"{base}-{counters[base]}"
        taken.add(segment)
        ids.append(f"{parent}.{segment}" if parent else segment)
    return ids


def _children_lists(node: Node) -> tuple[tuple[str, tuple[Node, ...]], ...]:
    """The child lists of ``node`` by field name (an operational objective has two)."""
    if isinstance(node, OperationalObjective):
        return (("results", node.results), ("indicators", node.indicators))
    if isinstance(node, StrategicObjective):
        return (("blocks", node.blocks),)
    if isinstance(node, (Sector, GeneralObjective, ServiceBlock)):
        return (("objectives", node.objectives),)
    return ()


def _with_ids(node: _N, node_id: str) -> _N:
    changes: dict[str, Any] = {"id": node_id}
    for name, children in _children_lists(node):
        ids = _child_ids(node_id, children)
        changes[name] = tuple(_with_ids(c, i) for c, i in zip(children, ids, strict=True))
    return attrs.evolve(node, **changes)


# ---------------------------------------------------------------------------- plan


@attrs.frozen(kw_only=True)
class Plan:
    r"""A whole plan: header fields, sectors, and the reader's diagnostics.

    Every node's ``id`` must be the one its place gives (see :meth:`assemble`);
    ``source`` (the file read, if any) is kept in JSON but not compared.

    >>> plan = Plan.assemble(commune="Molenbeek-Saint-Jean", year=2023, sectors=[
    ...     Sector(number=1, title="Zones de police"),
    ...     Sector(number=1, title="Zones de police"),
    ... ])
    >>> [s.id for s in plan.sectors]
    ['s1', 's1-2']
    >>> plan.node("s1-2").title
    'Zones de police'
    >>> Plan(sectors=(Sector(id="x", number=1, title="t"),))
    Traceback (most recent call last):
      ...
    cssindicators.errors.PlanError: $.sectors[0] has id 'x', but its place gives it 's1'; build plans with Plan.assemble()
    """

    kind: ClassVar[str] = "plan"
    commune: str | None = None
    year: int | None = None
    allocation: str | None = None
    legal_basis: str | None = None
    sectors: tuple[Sector, ...] = attrs.field(default=(), converter=_sectors)
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), converter=_diagnostics)
    source: str | None = attrs.field(default=None, eq=False)
    _index: dict[str, tuple[Node, tuple[Node, ...]]] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )
    _indicators: tuple[Indicator, ...] = attrs.field(init=False, eq=False, repr=False, default=())

    def __attrs_post_init__(self) -> None:
        index: dict[str, tuple[Node, tuple[Node, ...]]] = {}
        indicators: list[Indicator] = []
        # an explicit stack (not recursion): (node, expected id, ancestors, JSON path)
        stack: list[tuple[Node, str, tuple[Node, ...], str]] = [
            (s, i, (), f"$.sectors[{n}]")
            for n, (s, i) in enumerate(zip(self.sectors, _child_ids("", self.sectors), strict=True))
        ]
        stack.reverse()
        while stack:
            node, expected, parents, path = stack.pop()
            if node.id != expected:
                raise PlanError(
                    f"{path} has id {node.id!r}, but its place gives it {expected!r}; "
                    "build plans with Plan.assemble()"
                )
            index[expected] = (node, parents)
            if isinstance(node, Indicator):
                indicators.append(node)
            inner = (*parents, node)
            pending = []
            for name, children in _children_lists(node):
                ids = _child_ids(expected, children)
                pending += [
                    (c, i, inner, f"{path}.{name}[{n}]")
                    for n, (c, i) in enumerate(zip(children, ids, strict=True))
                ]
            stack += reversed(pending)
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
        sequence, they become tuples.

        >>> plan = Plan.assemble(sectors=[Sector(number=2, title="Criminalité", objectives=(
        ...     GeneralObjective(number=None, title="Criminalité"),))])
        >>> [n.id for n in plan.walk()]
        ['s2', 's2.og1']
        """
        ids = _child_ids("", sectors)
        return cls(
            commune=commune,
            year=year,
            allocation=allocation,
            legal_basis=legal_basis,
            sectors=tuple(_with_ids(s, i) for s, i in zip(sectors, ids, strict=True)),
            diagnostics=tuple(diagnostics),
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
        document = {"format_version": FORMAT_VERSION, **_converter().unstructure(self, Plan)}
        return json.dumps(document, ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Plan:
        """Read a plan written by :meth:`to_json`; :class:`PlanError` if it is not one.

        >>> Plan.from_json('{"format_version": 1, "sectors": [{"number": "x"}]}')
        Traceback (most recent call last):
          ...
        cssindicators.errors.PlanError: not a plan document: invalid value for type, expected int | None @ $.sectors[0].number; required field missing @ $.sectors[0].title
        """
        try:
            document = json.loads(text)
        except ValueError as error:
            raise PlanError(f"not a plan document: invalid JSON: {error}") from error
        if not isinstance(document, dict):
            raise PlanError("not a plan document: expected a JSON object")
        version = document.pop("format_version", None)
        if version != FORMAT_VERSION:
            raise PlanError(
                f"not a plan document of format version {FORMAT_VERSION}: "
                f"format_version is {version!r}"
            )
        import cattrs

        try:
            plan: Plan = _converter().structure(document, Plan)
        except cattrs.BaseValidationError as error:
            misplaced = _plan_error(error)
            if misplaced is not None:
                raise misplaced from error
            messages = "; ".join(cattrs.transform_error(error, path="$"))
            raise PlanError(f"not a plan document: {messages}") from error
        return plan


# ---------------------------------------------------------------------------- JSON


def _plan_error(error: BaseException) -> PlanError | None:
    """The :class:`PlanError` (a node with the wrong id) inside cattrs' error, if any."""
    if isinstance(error, PlanError):
        return error
    for inner in getattr(error, "exceptions", ()):
        found = _plan_error(inner)
        if found is not None:
            return found
    return None


def _strict(kind: type[Any]) -> Any:
    """A structure hook that takes values of exactly ``kind`` (no ``"2023"`` for 2023)."""

    def structure(value: object, _: object) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {value!r}")
        return value

    return structure


def _structure_target(value: object, _: object) -> Target:
    if not isinstance(value, str):
        raise ValueError(f"a target must be a text, got {value!r}")
    return parse_target(value)


@functools.cache
def _converter() -> Any:
    """The cattrs converter of plans, made on first use (cattrs is slow to import)."""
    import cattrs
    import cattrs.gen

    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict(int))
    converter.register_structure_hook(str, _strict(str))
    converter.register_unstructure_hook(Target, str)
    converter.register_structure_hook(Target, _structure_target)
    converter.register_unstructure_hook(
        Plan,
        cattrs.gen.make_dict_unstructure_fn(
            Plan,
            converter,
            _index=cattrs.gen.override(omit=True),
            _indicators=cattrs.gen.override(omit=True),
        ),
    )
    return converter


# ---------------------------------------------------------------------------- show


def _number(number: int | None) -> str:
    return "" if number is None else f" {number}"


_WHAT = {
    "sector": ("Secteur d'activité", "(sans titre)"),
    "general_objective": ("Objectif général", "(sans titre)"),
    "strategic_objective": ("Objectif stratégique", "(sans titre)"),
    "service_block": ("Service", "(sans service)"),
    "operational_objective": ("Objectif opérationnel", "(vide)"),
    "expected_result": ("Résultat attendu", ""),
}


def _describe(node: Node, color: bool) -> str:
    if not isinstance(node, Indicator):
        what, missing = _WHAT[node.kind]
        return f"{what}{_number(getattr(node, 'number', None))} : {node.heading or missing}"
    if node.target is not None:
        target = paint(str(node.target), GREEN, color=color)
    elif node.target_text is not None:
        target = paint(f"unreadable target {node.target_text!r}", BOLD_RED, color=color)
    else:
        target = paint("no target", BOLD_RED, color=color)
    return f"Indicateur : {node.heading} → {target}"


def _note(node: Node) -> str:
    note = getattr(node, "note", None)
    return f" ({note})" if note else ""


def format_tree(plan: Plan, *, color: bool = False) -> str:
    """The plan as an indented tree, one node a line, its id first; targets as parsed.

    ``color`` adds ANSI colours (for terminals).

    >>> from cssindicators.targets import parse_target
    >>> plan = Plan.assemble(commune="Molenbeek-Saint-Jean", year=2023, sectors=[
    ...     Sector(number=3, title="Terrorisme", objectives=[GeneralObjective(
    ...         number=1, title="Lutte", note="Question traitée au niveau de la Zone de Police",
    ...         objectives=[StrategicObjective(number=1, title="Réseau", blocks=[ServiceBlock(
    ...             service="POLE RADICALISME", objectives=[OperationalObjective(
    ...                 number=1, text="Écouter", indicators=[Indicator(
    ...                     label="Réunions", target_text=">/=à 50/an.",
    ...                     target=parse_target(">/=à 50/an."))])])])])])])
    >>> print(format_tree(plan))
    Molenbeek-Saint-Jean, 2023
    s3  Secteur d'activité 3 : Terrorisme
      s3.og1  Objectif général 1 : Lutte (Question traitée au niveau de la Zone de Police)
        s3.og1.os1  Objectif stratégique 1 : Réseau
          s3.og1.os1.pole-radicalisme  Service : POLE RADICALISME
            s3.og1.os1.pole-radicalisme.oo1  Objectif opérationnel 1 : Écouter
              s3.og1.os1.pole-radicalisme.oo1.i1  Indicateur : Réunions → ≥ 50/an
    """

    lines = [plan.title]
    lines += [part for part in (plan.allocation, plan.legal_basis) if part]
    for node, parents in plan._index.values():
        indent = "  " * len(parents)
        described = _describe(node, color)
        lines.append(f"{indent}{paint(node.id, DIM, color=color)}  {described}{_note(node)}")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def format_diagnostics(
    plan: Plan, *, source: str | None = None, color: bool = False, text: str | None = None
) -> str:
    """The plan's diagnostics, one a line as compilers print them, then a summary.

    ``source`` defaults to ``plan.source``; ``color`` adds ANSI colours (for terminals).
    Given the document's ``text``, each error and warning is followed by its line with a
    caret under the column:

    >>> plan = Plan(diagnostics=(Diagnostic(Severity.ERROR, 2, 8, "the target does not parse"),))
    >>> print(format_diagnostics(plan, source="plan.txt", text="Titre\\nVisites ≥ douze/an\\n"))
    plan.txt:2:8: error: the target does not parse
        Visites ≥ douze/an
               ^
    plan.txt: 0 indicators, 1 error, 0 warnings, 0 infos

    >>> plan = Plan(source="plan.txt", diagnostics=(
    ...     Diagnostic(Severity.INFO, 31, 1, "separator line ignored: '--'"),
    ...     Diagnostic(Severity.ERROR, 83, 12, "the target 'x' does not parse"),
    ... ))
    >>> print(format_diagnostics(plan))
    plan.txt:31:1: info: separator line ignored: '--'
    plan.txt:83:12: error: the target 'x' does not parse
    plan.txt: 0 indicators, 1 error, 0 warnings, 1 info
    """
    source = source or plan.source
    document = text.split("\n") if text is not None else []
    lines = []
    for diagnostic in plan.diagnostics:
        lines.append(diagnostic.format(source, color=color))
        if diagnostic.severity is not Severity.INFO and diagnostic.line <= len(document):
            line = document[diagnostic.line - 1].rstrip("\r")
            lines.append(_caret_excerpt(line, diagnostic.column - 1))
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in plan.diagnostics:
        counts[diagnostic.severity] += 1
    summary = ", ".join(
        [_count(len(plan.indicators()), "indicator")]
        + [_count(n, severity.value) for severity, n in counts.items()]
    )
    lines.append(f"{source or '<text>'}: {summary}")
    return "\n".join(lines)
