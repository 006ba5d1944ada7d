"""What a field of the plan model may hold: the validators and converters of its classes.

Each validator names the field as ``Class.field`` and shows the bad value, and raises
:class:`~cssindicators.errors.PlanError`, so a plan built by hand (or read from JSON)
fails at once, where the mistake is, with a library error:

>>> import attrs
>>> @attrs.frozen
... class Heading:
...     title: str | None = attrs.field(validator=is_text_or_none)
>>> Heading(title=3)
Traceback (most recent call last):
  ...
cssindicators.errors.PlanError: Heading.title must be a text or None, got 3
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NoReturn, TypeVar

import attrs

from cssindicators.errors import PlanError, _shorten
from cssindicators.targets import Target

__all__ = [
    "as_tuple",
    "is_line_number",
    "is_number_or_none",
    "is_target_or_none",
    "is_text",
    "is_text_or_none",
    "items_of",
    "reject",
]

_T = TypeVar("_T")

#: An attrs validator: called with the instance, the field and its value.
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def reject(instance: object, field: str, expected: str, value: object) -> NoReturn:
    """Raise the :class:`PlanError` of ``instance``'s ``field``: it holds ``value``, not
    what is ``expected``."""
    shown = _shorten(repr(value), 80)
    raise PlanError(f"{type(instance).__name__}.{field} must be {expected}, got {shown}")


def is_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A ``str``."""
    if not isinstance(value, str):
        reject(instance, attribute.name, "a text", value)


def is_text_or_none(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A ``str`` or ``None``."""
    if value is not None and not isinstance(value, str):
        reject(instance, attribute.name, "a text or None", value)


def _whole(value: object, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def is_number_or_none(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole number, 0 or more, or ``None`` (numbers of headings and rows, years)."""
    if value is not None and not _whole(value, 0):
        reject(instance, attribute.name, "a whole number (0 or more) or None", value)


def is_line_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole number, 1 or more (lines and columns count from 1)."""
    if not _whole(value, 1):
        reject(instance, attribute.name, "a whole number (1 or more)", value)


def is_target_or_none(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A :class:`~cssindicators.targets.Target` or ``None``."""
    if value is not None and not isinstance(value, Target):
        reject(instance, attribute.name, "a Target (see parse_target) or None", value)


def items_of(kind: type[Any]) -> Validator:
    """A tuple of ``kind`` instances: the children of a node, a plan's diagnostics."""
    name = kind.__name__
    article = "an" if name[0] in "AEIOU" else "a"

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            reject(instance, attribute.name, f"a sequence of {name}", value)
        for index, item in enumerate(value):
            if not isinstance(item, kind):
                reject(instance, f"{attribute.name}[{index}]", f"{article} {name}", item)

    return validate


def as_tuple(items: Iterable[_T]) -> tuple[_T, ...]:
    """``items`` (a list, any iterable) as a tuple, so that nodes compare and hash.

    What is no sequence of items (a text, a mapping, a number) is kept as it is, for the
    field's validator to reject by name.

    >>> as_tuple([1, 2]), as_tuple("ab")
    ((1, 2), 'ab')
    """
    if isinstance(items, tuple):
        return items
    if isinstance(items, Iterable) and not isinstance(items, (str, bytes, Mapping)):
        return tuple(items)
    return items  # type: ignore[return-value]
