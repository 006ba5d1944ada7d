"""The nodes of a plan, from sector down to indicator: frozen, slotted, hashable, checked.

Each class declares, besides its fields, how the id scheme names it (``_id_prefix`` and
``_id_from``, read by :mod:`cssindicators.plan._ids`) and which of its fields hold its
children (``_child_fields``, in document order), so that one generic traversal serves
every level: ids, the plan's index, JSON paths in error messages.

A node's ``repr`` counts its children rather than printing them (``objectives=<2 nodes>``);
equality and hashing still compare every field, children included.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import attrs

from cssindicators.plan._fields import (
    as_tuple,
    is_number_or_none,
    is_target_or_none,
    is_text,
    is_text_or_none,
    items_of,
)
from cssindicators.targets import Target

__all__ = [
    "ExpectedResult",
    "GeneralObjective",
    "Indicator",
    "Node",
    "OperationalObjective",
    "Sector",
    "ServiceBlock",
    "StrategicObjective",
]


def _counted(children: tuple[object, ...]) -> str:
    """The ``repr`` of a tuple of children: how many there are, not what they hold."""
    if not children:
        return "()"
    return f"<{len(children)} node{'' if len(children) == 1 else 's'}>"


# Children given as any iterable (a list) are kept as tuples, so that nodes compare and
# hash. One converter a type: mypy's attrs plugin types ``__init__`` from the converter's
# argument, which a generic function would leave unsolved.
def _results(items: Iterable[ExpectedResult]) -> tuple[ExpectedResult, ...]:
    return as_tuple(items)


def _indicators(items: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return as_tuple(items)


def _operationals(items: Iterable[OperationalObjective]) -> tuple[OperationalObjective, ...]:
    return as_tuple(items)


def _blocks(items: Iterable[ServiceBlock]) -> tuple[ServiceBlock, ...]:
    return as_tuple(items)


def _strategics(items: Iterable[StrategicObjective]) -> tuple[StrategicObjective, ...]:
    return as_tuple(items)


def _generals(items: Iterable[GeneralObjective]) -> tuple[GeneralObjective, ...]:
    return as_tuple(items)


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
    >>> Indicator(label="Nombre de réunions", target="≥ 50/an")
    Traceback (most recent call last):
      ...
    cssindicators.errors.PlanError: Indicator.target must be a Target (see parse_target) or None, got '≥ 50/an'
    """

    kind: ClassVar[str] = "indicator"
    _id_prefix: ClassVar[str] = "i"
    _id_from: ClassVar[str | None] = None
    _child_fields: ClassVar[tuple[str, ...]] = ()
    id: str = attrs.field(default="", validator=is_text)
    label: str = attrs.field(validator=is_text)
    target_text: str | None = attrs.field(default=None, validator=is_text_or_none)
    target: Target | None = attrs.field(default=None, validator=is_target_or_none)

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
    _id_prefix: ClassVar[str] = "r"
    _id_from: ClassVar[str | None] = None
    _child_fields: ClassVar[tuple[str, ...]] = ()
    id: str = attrs.field(default="", validator=is_text)
    text: str = attrs.field(validator=is_text)

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
    >>> o
    OperationalObjective(id='', number=1, text='Tenir des réunions', results=<1 node>, indicators=())
    """

    kind: ClassVar[str] = "operational_objective"
    _id_prefix: ClassVar[str] = "oo"
    _id_from: ClassVar[str | None] = "number"
    _child_fields: ClassVar[tuple[str, ...]] = ("results", "indicators")
    id: str = attrs.field(default="", validator=is_text)
    number: int | None = attrs.field(validator=is_number_or_none)
    text: str = attrs.field(validator=is_text)
    results: tuple[ExpectedResult, ...] = attrs.field(
        default=(), converter=_results, validator=items_of(ExpectedResult), repr=_counted
    )
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=_indicators, validator=items_of(Indicator), repr=_counted
    )

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
    _id_prefix: ClassVar[str] = "t"
    _id_from: ClassVar[str | None] = "service"
    _child_fields: ClassVar[tuple[str, ...]] = ("objectives",)
    id: str = attrs.field(default="", validator=is_text)
    service: str | None = attrs.field(validator=is_text_or_none)
    objectives: tuple[OperationalObjective, ...] = attrs.field(
        default=(), converter=_operationals, validator=items_of(OperationalObjective), repr=_counted
    )

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
    _id_prefix: ClassVar[str] = "os"
    _id_from: ClassVar[str | None] = "number"
    _child_fields: ClassVar[tuple[str, ...]] = ("blocks",)
    id: str = attrs.field(default="", validator=is_text)
    number: int | None = attrs.field(validator=is_number_or_none)
    title: str | None = attrs.field(validator=is_text_or_none)
    note: str | None = attrs.field(default=None, validator=is_text_or_none)
    blocks: tuple[ServiceBlock, ...] = attrs.field(
        default=(), converter=_blocks, validator=items_of(ServiceBlock), repr=_counted
    )

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
    _id_prefix: ClassVar[str] = "og"
    _id_from: ClassVar[str | None] = "number"
    _child_fields: ClassVar[tuple[str, ...]] = ("objectives",)
    id: str = attrs.field(default="", validator=is_text)
    number: int | None = attrs.field(validator=is_number_or_none)
    title: str | None = attrs.field(validator=is_text_or_none)
    note: str | None = attrs.field(default=None, validator=is_text_or_none)
    objectives: tuple[StrategicObjective, ...] = attrs.field(
        default=(), converter=_strategics, validator=items_of(StrategicObjective), repr=_counted
    )

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
    >>> Sector(number="3", title="Terrorisme")
    Traceback (most recent call last):
      ...
    cssindicators.errors.PlanError: Sector.number must be a whole number (0 or more) or None, got '3'
    >>> Sector(number=3, title="Terrorisme", objectives=[StrategicObjective(number=1, title="x")])
    Traceback (most recent call last):
      ...
    cssindicators.errors.PlanError: Sector.objectives[0] must be a GeneralObjective, got StrategicObjective(id='', number=1, title='x', note=None, blocks=())
    """

    kind: ClassVar[str] = "sector"
    _id_prefix: ClassVar[str] = "s"
    _id_from: ClassVar[str | None] = "number"
    _child_fields: ClassVar[tuple[str, ...]] = ("objectives",)
    id: str = attrs.field(default="", validator=is_text)
    number: int | None = attrs.field(validator=is_number_or_none)
    title: str | None = attrs.field(validator=is_text_or_none)
    note: str | None = attrs.field(default=None, validator=is_text_or_none)
    objectives: tuple[GeneralObjective, ...] = attrs.field(
        default=(), converter=_generals, validator=items_of(GeneralObjective), repr=_counted
    )

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
