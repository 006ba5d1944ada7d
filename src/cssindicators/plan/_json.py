"""Plans as JSON documents (``docs/plan.schema.json``), through a cattrs converter.

Targets are stored as their canonical text, which parses back to an equal target. Reading
is strict: a number must be a JSON integer (no ``"2023"``), a text a JSON string, and a
field the classes do not have is an error; each failure says where (``$.sectors[0]…``).
"""

from __future__ import annotations

import json
import typing
from typing import Any, TypeVar

import attrs

from cssindicators.errors import (
    CssIndicatorsError,
    PlanError,
    TargetSyntaxError,
    _shorten,
    _shown,
)
from cssindicators.plan._diagnostics import Diagnostic
from cssindicators.targets import Target, parse_target

__all__ = ["FORMAT_VERSION", "dumps", "loads"]

#: Version of the JSON document written by :meth:`Plan.to_json`.
FORMAT_VERSION = 1

_P = TypeVar("_P")


def _strict(kind: type[Any]) -> Any:
    """A structure hook that takes values of exactly ``kind`` (no ``"2023"`` for 2023)."""

    def structure(value: object, _: object) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {_shown(value)}")
        return value

    return structure


def _structure_target(value: object, _: object) -> Target:
    if not isinstance(value, str):
        raise ValueError(f"a target must be a text, got {_shown(value)}")
    try:
        return parse_target(value)
    except TargetSyntaxError as error:
        raise PlanError(f"the target {_shown(value)} does not parse: {error.reason}") from error


def _arrays_only(converter: Any) -> Any:
    """A structure hook factory for attrs classes whose tuple fields take JSON arrays only
    (cattrs alone would read ``{}`` or ``""`` as an empty tuple)."""
    import cattrs.gen

    def factory(kind: type[Any]) -> Any:
        generated = cattrs.gen.make_dict_structure_fn(
            kind, converter, _cattrs_forbid_extra_keys=True
        )
        arrays = [
            field.name
            for field in attrs.fields(attrs.resolve_types(kind))
            if field.init and typing.get_origin(field.type) is tuple
        ]

        def structure(value: Any, _: object) -> Any:
            if isinstance(value, dict):
                for name in arrays:
                    if name in value and type(value[name]) is not list:
                        shown = _shorten(repr(value[name]), 80)
                        raise PlanError(f"{kind.__name__}.{name} must be an array, got {shown}")
            return generated(value, kind)

        return structure

    return factory


_CONVERTERS: dict[type[Any], Any] = {}


def _converter(plan: type[Any]) -> Any:
    """The cattrs converter of ``plan`` documents, made on first use (cattrs is slow to
    import)."""
    if plan in _CONVERTERS:
        return _CONVERTERS[plan]
    import cattrs
    import cattrs.gen

    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict(int))
    converter.register_structure_hook(str, _strict(str))
    converter.register_unstructure_hook(Target, str)
    converter.register_structure_hook(Target, _structure_target)
    converter.register_structure_hook_factory(attrs.has, _arrays_only(converter))
    # a diagnostic's place is only written when it has one (a Word document's)
    converter.register_unstructure_hook(
        Diagnostic,
        cattrs.gen.make_dict_unstructure_fn(
            Diagnostic, converter, place=cattrs.gen.override(omit_if_default=True)
        ),
    )
    converter.register_unstructure_hook(
        plan,
        cattrs.gen.make_dict_unstructure_fn(
            plan,
            converter,
            _index=cattrs.gen.override(omit=True),
            _indicators=cattrs.gen.override(omit=True),
        ),
    )
    _CONVERTERS[plan] = converter
    return converter


def _message(error: BaseException, type: Any = None) -> str:
    """How cattrs words one failure; a failure of ours (a field's validator) in its words."""
    import cattrs.v

    if isinstance(error, CssIndicatorsError):
        return str(error)
    message: str = cattrs.v.format_exception(error, type)
    return message


def dumps(plan: Any, *, indent: int | None) -> str:
    """The JSON document of ``plan``."""
    document = {"format_version": FORMAT_VERSION, **_converter(type(plan)).unstructure(plan)}
    return json.dumps(document, ensure_ascii=False, indent=indent)


def loads(text: str | bytes, plan: type[_P]) -> _P:
    """The ``plan`` (the class) that the JSON document ``text`` describes."""
    try:
        document = json.loads(text)
    except ValueError as error:
        raise PlanError(f"not a plan document: invalid JSON: {error}") from error
    if not isinstance(document, dict):
        raise PlanError("not a plan document: expected a JSON object")
    version = document.pop("format_version", None)
    if type(version) is not int or version != FORMAT_VERSION:  # not true, nor 1.0
        raise PlanError(
            f"not a plan document of format version {FORMAT_VERSION}: format_version is {_shown(version)}"
        )
    import cattrs

    try:
        structured: _P = _converter(plan).structure(document, plan)
    except cattrs.BaseValidationError as error:
        for own in error.exceptions:
            if isinstance(own, PlanError):  # raised by the plan itself: it says where
                raise own from error
        messages = "; ".join(cattrs.transform_error(error, path="$", format_exception=_message))
        raise PlanError(f"not a plan document: {messages}") from error
    return structured
