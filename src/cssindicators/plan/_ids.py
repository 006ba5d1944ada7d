"""The id scheme (``docs/plan-format.md``): a node's id is its path of segments from its sector.

A node's segment comes from what its class declares: ``_id_prefix`` and ``_id_from``, the
field that names it when set — a number (``"s" + 2`` → ``s2``) or a label (the service
``"GDP/CELL INCIVILITES"`` → ``gdp-cell-incivilites``) — else the prefix and the node's
position among its siblings (``i1``, ``t2``). A segment already taken by an earlier
sibling gets ``-2``, ``-3``…

>>> from cssindicators.plan._nodes import Sector, ServiceBlock
>>> child_ids("", [Sector(number=1, title="a"), Sector(number=None, title="b"),
...                Sector(number=1, title="c")])
['s1', 's2', 's1-2']
>>> child_ids("s1.og1.os1", [ServiceBlock(service="GDP/CELL INCIVILITES"),
...                          ServiceBlock(service=None)])
['s1.og1.os1.gdp-cell-incivilites', 's1.og1.os1.t2']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import attrs

from cssindicators.plan._nodes import Node

__all__ = ["child_ids", "segment", "sibling_ids", "with_ids"]

_N = TypeVar("_N", bound=Node)


def _slug(text: str) -> str:
    """``"GDP/CELL INCIVILITES"`` -> ``"gdp-cell-incivilites"`` (ASCII, lower case)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def segment(kind: type[Node], named: object, position: int) -> str:
    """The base id segment of a node of class ``kind`` whose naming field holds ``named``,
    the ``position``-th (1-based) of its list.

    >>> from cssindicators.plan._nodes import Indicator, ServiceBlock
    >>> segment(ServiceBlock, "GDP/CELL", 1), segment(Indicator, None, 3)
    ('gdp-cell', 'i3')
    """
    if isinstance(named, int):
        return f"{kind._id_prefix}{named}"
    if isinstance(named, str):
        slug = _slug(named)
        if slug:  # a label whose letters all vanish («») counts as none
            return slug
    return f"{kind._id_prefix}{position}"


def _segment(node: Node, position: int) -> str:
    """The base id segment of ``node``, the ``position``-th (1-based) of its list."""
    name = node._id_from
    return segment(type(node), None if name is None else getattr(node, name), position)


def sibling_ids(parent: str, segments: Iterable[str]) -> list[str]:
    """The ids of one list of siblings under the node of id ``parent`` (``""``: the plan),
    from their base segments (see :func:`segment`): a segment already taken gets ``-2``…

    >>> sibling_ids("s1", ["og1", "og2", "og1"])
    ['s1.og1', 's1.og2', 's1.og1-2']
    """
    taken: set[str] = set()
    counters: dict[str, int] = {}
    ids = []
    for base in segments:
        name = base
        while name in taken:
            counters[base] = counters.get(base, 1) + 1
            name = f"{base}-{counters[base]}"
        taken.add(name)
        ids.append(f"{parent}.{name}" if parent else name)
    return ids


def child_ids(parent: str, nodes: Sequence[Node]) -> list[str]:
    """The ids of one list of siblings under the node of id ``parent`` (``""``: the plan)."""
    return sibling_ids(parent, (_segment(node, k) for k, node in enumerate(nodes, 1)))


def with_ids(node: _N, node_id: str) -> _N:
    """``node`` with the id ``node_id``, and its descendants with the ids it gives them."""
    changes: dict[str, Any] = {"id": node_id}
    for name in node._child_fields:
        children = getattr(node, name)
        if children:
            ids = child_ids(node_id, children)
            changes[name] = tuple(with_ids(c, i) for c, i in zip(children, ids, strict=True))
    return attrs.evolve(node, **changes)
