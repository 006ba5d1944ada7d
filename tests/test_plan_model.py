"""The plan model: immutability, ids, traversal, JSON and its schema, diagnostics."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

from cssindicators.errors import CssIndicatorsError, PlanError, UnknownNodeError
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
from cssindicators.reading import read_plan
from cssindicators.reports import format_tree
from cssindicators.targets import parse_target

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "molenbeek-2023" / "plan.txt"
SCHEMA = json.loads((ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example() -> Plan:
    return read_plan(EXAMPLE)


def small(label: str = "Réunions") -> Plan:
    """One branch down to two indicators and a result; ``label`` names the first indicator."""
    row = OperationalObjective(
        number=1,
        text="Tenir des réunions",
        results=(ExpectedResult(text="Projets communs"),),
        indicators=(
            Indicator(label=label, target_text=">/=à 50/an.", target=parse_target(">/=à 50/an.")),
            Indicator(label="Espace d'écoute", target_text="beaucoup"),
        ),
    )
    return Plan.assemble(
        commune="Molenbeek-Saint-Jean",
        year=2023,
        sectors=[
            Sector(
                number=2,
                title="Criminalité",
                objectives=(
                    GeneralObjective(
                        number=1,
                        title="Lutte",
                        objectives=(
                            StrategicObjective(
                                number=1,
                                title="Prévention",
                                blocks=(ServiceBlock(service="GDP", objectives=(row,)),),
                            ),
                        ),
                    ),
                ),
            )
        ],
    )


# ---------------------------------------------------------------- the nodes


def test_nodes_are_frozen_slotted_and_hashable(example: Plan) -> None:
    for node in [example, *example.walk()]:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            node.id = "x"  # type: ignore[misc, union-attr]
        assert not hasattr(node, "__dict__")
    nodes = list(example.walk())
    assert len(set(nodes)) == len({n.id for n in nodes}) == len(nodes)
    assert hash(example) == hash(read_plan(EXAMPLE))


def test_children_given_as_lists_are_kept_as_tuples() -> None:
    result, indicator = ExpectedResult(text="r"), Indicator(label="i")
    objective = OperationalObjective(number=1, text="o", results=[result], indicators=[indicator])
    block = ServiceBlock(service=None, objectives=[objective])
    strategic = StrategicObjective(number=1, title="s", blocks=[block])
    general = GeneralObjective(number=1, title="g", objectives=[strategic])
    sector = Sector(number=1, title="x", objectives=[general])
    diagnostic = Diagnostic(Severity.INFO, 1, 1, "debris")
    for node in (objective, block, strategic, general, sector):
        assert type(node.children) is tuple
        hash(node)
    assert objective.results == (result,)
    assert objective.indicators == (indicator,)
    built = Plan.assemble(sectors=[sector])
    by_hand = Plan(sectors=[built.sectors[0]], diagnostics=[diagnostic])
    assert by_hand == Plan(sectors=(built.sectors[0],), diagnostics=(diagnostic,))
    assert hash(by_hand) == hash(Plan(sectors=(built.sectors[0],), diagnostics=(diagnostic,)))
    assert type(by_hand.diagnostics) is tuple


def test_children_are_tuples_and_kinds_name_the_classes(example: Plan) -> None:
    kinds = {
        Sector: "sector",
        GeneralObjective: "general_objective",
        StrategicObjective: "strategic_objective",
        ServiceBlock: "service_block",
        OperationalObjective: "operational_objective",
        ExpectedResult: "expected_result",
        Indicator: "indicator",
    }
    seen = set()
    for node in example.walk():
        assert isinstance(node.children, tuple)
        assert node.kind == kinds[type(node)]
        seen.add(type(node))
    assert seen == set(kinds)
    assert example.kind == "plan"
    assert example.children == example.sectors


def test_children_of_an_operational_objective_are_results_then_indicators() -> None:
    (row,) = small().sectors[0].objectives[0].objectives[0].blocks[0].objectives
    assert [c.kind for c in row.children] == ["expected_result", "indicator", "indicator"]
    assert [c.id for c in row.children] == [
        "s2.og1.os1.gdp.oo1.r1",
        "s2.og1.os1.gdp.oo1.i1",
        "s2.og1.os1.gdp.oo1.i2",
    ]


# ---------------------------------------------------------------- what the nodes hold

NUMBER = "a whole number (0 or more) or None"
OPTIONAL_TEXT = "a text or None"


@pytest.mark.parametrize(
    ("build", "fields", "message"),
    [
        (Sector, {"number": "3", "title": "x"}, f"Sector.number must be {NUMBER}, got '3'"),
        (Sector, {"number": -1, "title": "x"}, f"Sector.number must be {NUMBER}, got -1"),
        (Sector, {"number": 2.0, "title": "x"}, f"Sector.number must be {NUMBER}, got 2.0"),
        (Sector, {"number": False, "title": "x"}, f"Sector.number must be {NUMBER}, got False"),
        (Sector, {"number": 1, "title": 3}, f"Sector.title must be {OPTIONAL_TEXT}, got 3"),
        (Sector, {"number": 1, "title": "x", "note": ["n"]},
         f"Sector.note must be {OPTIONAL_TEXT}, got ['n']"),
        (Sector, {"id": None, "number": 1, "title": "x"}, "Sector.id must be a text, got None"),
        (GeneralObjective, {"number": 1, "title": b"x"},
         f"GeneralObjective.title must be {OPTIONAL_TEXT}, got b'x'"),
        (StrategicObjective, {"number": (1,), "title": "x"},
         f"StrategicObjective.number must be {NUMBER}, got (1,)"),
        (ServiceBlock, {"service": 1}, f"ServiceBlock.service must be {OPTIONAL_TEXT}, got 1"),
        (OperationalObjective, {"number": 1, "text": None},
         "OperationalObjective.text must be a text, got None"),
        (ExpectedResult, {"text": 0}, "ExpectedResult.text must be a text, got 0"),
        (Indicator, {"label": None}, "Indicator.label must be a text, got None"),
        (Indicator, {"label": "x", "target_text": 12},
         f"Indicator.target_text must be {OPTIONAL_TEXT}, got 12"),
        (Indicator, {"label": "x", "target": "≥ 3/an"},
         "Indicator.target must be a Target (see parse_target) or None, got '≥ 3/an'"),
        (Plan, {"commune": 1000}, f"Plan.commune must be {OPTIONAL_TEXT}, got 1000"),
        (Plan, {"year": "2023"}, f"Plan.year must be {NUMBER}, got '2023'"),
        (Plan, {"legal_basis": ("AR",)}, f"Plan.legal_basis must be {OPTIONAL_TEXT}, got ('AR',)"),
        (Plan, {"source": 42}, f"Plan.source must be {OPTIONAL_TEXT}, got 42"),
        (Plan.assemble, {"year": "2023", "sectors": []}, f"Plan.year must be {NUMBER}, got '2023'"),
        (Plan.assemble, {"commune": 3, "sectors": []}, f"Plan.commune must be {OPTIONAL_TEXT}, got 3"),
    ],
)  # fmt: skip
def test_fields_of_the_wrong_type_are_rejected_by_name(
    build: Callable[..., object], fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(PlanError) as caught:
        build(**fields)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("build", "fields", "message"),
    [
        (Sector, {"number": 1, "title": "x", "objectives": [StrategicObjective(number=1, title="y")]},
         "Sector.objectives[0] must be a GeneralObjective, got StrategicObjective(id='', "
         "number=1, title='y', note=None, blocks=())"),
        (GeneralObjective, {"number": 1, "title": "x", "objectives": (None,)},
         "GeneralObjective.objectives[0] must be a StrategicObjective, got None"),
        (StrategicObjective, {"number": 1, "title": "x", "blocks": "GDP"},
         "StrategicObjective.blocks must be a sequence of ServiceBlock, got 'GDP'"),
        (ServiceBlock, {"service": None, "objectives": 3},
         "ServiceBlock.objectives must be a sequence of OperationalObjective, got 3"),
        (OperationalObjective, {"number": 1, "text": "", "results": [ExpectedResult(text="r"), "s"]},
         "OperationalObjective.results[1] must be an ExpectedResult, got 's'"),
        (OperationalObjective, {"number": 1, "text": "", "indicators": [ExpectedResult(text="r")]},
         "OperationalObjective.indicators[0] must be an Indicator, got ExpectedResult(id='', "
         "text='r')"),
        (OperationalObjective, {"number": 1, "text": "", "indicators": {"label": "x"}},
         "OperationalObjective.indicators must be a sequence of Indicator, got {'label': 'x'}"),
        (Plan, {"diagnostics": ["54:1: warning: sector 2 has no title"]},
         "Plan.diagnostics[0] must be a Diagnostic, got '54:1: warning: sector 2 has no title'"),
        (Plan.assemble, {"sectors": [GeneralObjective(number=1, title="x")]},
         "Plan.sectors[0] must be a Sector, got GeneralObjective(id='', number=1, title='x', "
         "note=None, objectives=())"),
        (Plan.assemble, {"sectors": [Sector(number=1, title="x"), {"number": 2}]},
         "Plan.sectors[1] must be a Sector, got {'number': 2}"),
        (Plan.assemble, {"sectors": None}, "Plan.sectors must be a sequence of Sector, got None"),
    ],
)  # fmt: skip
def test_children_of_the_wrong_class_are_rejected_by_name(
    build: Callable[..., object], fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(PlanError) as caught:
        build(**fields)
    assert str(caught.value) == message


def test_a_long_bad_value_is_shortened_in_the_message() -> None:
    with pytest.raises(PlanError) as caught:
        Sector(number=1, title=["word"] * 100)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith("Sector.title must be a text or None, got ['word', 'word', ")
    assert message.endswith("…")
    assert len(message) < 150


def test_every_class_declares_its_id_prefix_and_its_child_fields(example: Plan) -> None:
    prefixes = {Sector: "s", GeneralObjective: "og", StrategicObjective: "os",
                ServiceBlock: "t", OperationalObjective: "oo", ExpectedResult: "r",
                Indicator: "i"}  # fmt: skip
    for kind, prefix in prefixes.items():
        assert kind._id_prefix == prefix  # type: ignore[attr-defined]
        tuples = [f.name for f in attrs.fields(kind) if f.default == ()]
        assert list(kind._child_fields) == tuples  # type: ignore[attr-defined]
    for node in [example, *example.walk()]:
        declared = tuple(c for name in node._child_fields for c in getattr(node, name))
        assert node.children == declared


# ---------------------------------------------------------------- repr and str


def test_repr_of_a_plan_is_one_short_line(example: Plan) -> None:
    assert repr(example) == (
        "<Plan commune='Molenbeek-Saint-Jean' year=2023: 4 sectors, 31 indicators, 5 diagnostics>"
    )
    assert repr(Plan()) == "<Plan commune=None year=None: 0 sectors, 0 indicators, 0 diagnostics>"
    broken = Plan.assemble(
        sectors=[Sector(number=1, title="x")],
        diagnostics=[Diagnostic(Severity.ERROR, 1, 1, "a"), Diagnostic(Severity.ERROR, 2, 1, "b")],
    )
    assert repr(broken) == (
        "<Plan commune=None year=None: 1 sector, 0 indicators, 2 diagnostics (2 errors)>"
    )


def test_str_of_a_plan_is_all_of_it(example: Plan) -> None:
    assert str(example) == example.to_json()
    assert Plan.from_json(str(example)) == example


def test_node_reprs_count_their_children_but_equality_compares_them(example: Plan) -> None:
    sector = example.node("s2", Sector)
    assert repr(sector) == (
        "Sector(id='s2', number=2, title=\"Lutte contre la criminalité, les nuisances et le "
        "sentiment d'insécurité\", note=None, objectives=<1 node>)"
    )
    assert repr(example.node("s2.og1.os1.gdp.oo1")) == (
        "OperationalObjective(id='s2.og1.os1.gdp.oo1', number=1, text='Assurer la présence "
        "dissuasive des Gardiens de la Paix sur le terrain', results=<1 node>, "
        "indicators=<1 node>)"
    )
    assert max(len(repr(node)) for node in example.walk()) < 400
    # a change deep down shows in no repr above it, but in equality and hashing
    (row,) = small().sectors[0].objectives[0].objectives[0].blocks[0].objectives
    changed = attrs.evolve(row.indicators[0], label="Autre")
    other = attrs.evolve(row, indicators=(changed, *row.indicators[1:]))
    assert repr(other) == repr(row)
    assert other != row
    assert hash(other) != hash(row)
    assert repr(small("Autre")) == repr(small())
    assert small("Autre") != small()
    assert hash(small("Autre")) != hash(small())
    assert small() == small()
    assert hash(small()) == hash(small())


# ---------------------------------------------------------------- ids


def block(service: str | None, *numbers: int | None) -> ServiceBlock:
    return ServiceBlock(
        service=service,
        objectives=tuple(OperationalObjective(number=n, text="") for n in numbers),
    )


def test_ids_from_numbers_with_repeats_and_missing_numbers() -> None:
    plan = Plan.assemble(
        sectors=[
            Sector(number=1, title="a"),
            Sector(number=1, title="b"),
            Sector(number=None, title="c"),
            Sector(number=1, title="d"),
            Sector(
                number=2,
                title="e",
                objectives=(
                    GeneralObjective(number=None, title="f"),
                    GeneralObjective(number=1, title="g"),
                ),
            ),
        ]
    )
    assert [n.id for n in plan.walk()] == [
        "s1",
        "s1-2",
        "s3",  # no number: its position among the sectors stands in
        "s1-3",
        "s2",
        "s2.og1",
        "s2.og1-2",
    ]


def test_ids_of_service_blocks() -> None:
    plan = Plan.assemble(
        sectors=[
            Sector(
                number=3,
                title="t",
                objectives=(
                    GeneralObjective(
                        number=1,
                        title="t",
                        objectives=(
                            StrategicObjective(
                                number=1,
                                title="t",
                                blocks=(
                                    block("POLE RADICALISME", 1, 2, 1),
                                    block(None),
                                    block("MEDLOC-SCAV-HOTEL SOCIAL"),
                                    block("Pôle  radicalisme!"),
                                    block("T2"),
                                    block("«»"),
                                ),
                            ),
                        ),
                    ),
                ),
            )
        ]
    )
    blocks = plan.sectors[0].objectives[0].objectives[0].blocks
    assert [b.id for b in blocks] == [
        "s3.og1.os1.pole-radicalisme",
        "s3.og1.os1.t2",
        "s3.og1.os1.medloc-scav-hotel-social",
        "s3.og1.os1.pole-radicalisme-2",
        "s3.og1.os1.t2-2",
        "s3.og1.os1.t6",
    ]
    assert [o.id for o in blocks[0].objectives] == [
        "s3.og1.os1.pole-radicalisme.oo1",
        "s3.og1.os1.pole-radicalisme.oo2",
        "s3.og1.os1.pole-radicalisme.oo1-2",
    ]


def test_many_repeats_get_increasing_suffixes() -> None:
    plan = Plan.assemble(sectors=[Sector(number=1, title="x") for _ in range(5)])
    assert [s.id for s in plan.sectors] == ["s1", "s1-2", "s1-3", "s1-4", "s1-5"]


def test_assemble_ignores_the_ids_it_is_given() -> None:
    plan = Plan.assemble(sectors=[Sector(id="whatever", number=4, title="x")])
    assert plan.sectors[0].id == "s4"


@pytest.mark.parametrize(
    ("sectors", "message"),
    [
        ((Sector(number=1, title="x"),), "$.sectors[0] has id '', but its place gives it 's1'"),
        (
            (Sector(id="s1", number=1, title="x", objectives=(GeneralObjective(
                id="s1.og2", number=1, title="y"),)),),
            "$.sectors[0].objectives[0] has id 's1.og2', but its place gives it 's1.og1'",
        ),
        (
            (Sector(id="s1", number=1, title="x"), Sector(id="s1", number=1, title="x")),
            "$.sectors[1] has id 's1', but its place gives it 's1-2'",
        ),
    ],
)  # fmt: skip
def test_a_plan_only_holds_the_ids_its_places_give(
    sectors: tuple[Sector, ...], message: str
) -> None:
    with pytest.raises(PlanError) as caught:
        Plan(sectors=sectors)
    assert str(caught.value) == f"{message}; build plans with Plan.assemble()"


# ---------------------------------------------------------------- traversal


def test_lookup_by_id(example: Plan) -> None:
    for node in example.walk():
        assert example.node(node.id) is node
        assert node.id in example
    assert "s9" not in example
    indicator = example.node("s2.og1.os1.gdp.oo1.i1", Indicator)
    assert indicator.target == parse_target("≥ 3 heures/jour")


def test_unknown_ids_raise_a_key_error_of_ours(example: Plan) -> None:
    with pytest.raises(UnknownNodeError) as caught:
        example.node("s2.og1.os1.gdp.oo7")
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, PlanError)
    assert isinstance(caught.value, CssIndicatorsError)
    assert str(caught.value) == (
        "no node 's2.og1.os1.gdp.oo7' in the plan; did you mean 's2.og1.os1.gdp.oo6' or "
        "'s2.og1.os1.gdp.oo5' or 's2.og1.os1.gdp.oo4'?"
    )
    with pytest.raises(UnknownNodeError, match=r"^no node 'nothing' in the plan$"):
        example.parents("nothing")
    with pytest.raises(UnknownNodeError, match="is of kind 'sector', not 'indicator'"):
        example.node("s2", Indicator)


def test_parents_lead_from_the_sector_to_the_parent(example: Plan) -> None:
    assert [p.id for p in example.parents("s3.og1.os2.pole-radicalisme.oo1.i2")] == [
        "s3",
        "s3.og1",
        "s3.og1.os2",
        "s3.og1.os2.pole-radicalisme",
        "s3.og1.os2.pole-radicalisme.oo1",
    ]
    assert example.parents("s1-2") == ()
    for node in example.walk():
        parents = example.parents(node.id)
        if parents:
            assert node in parents[-1].children
            assert example.parents(parents[-1].id) == parents[:-1]
        else:
            assert node in example.sectors


def test_walk_visits_each_node_before_its_children_in_document_order(example: Plan) -> None:
    def preorder(nodes: tuple[Any, ...]) -> list[str]:
        return [i for n in nodes for i in [n.id, *preorder(n.children)]]

    assert [n.id for n in example.walk()] == preorder(example.sectors)
    assert list(example.indicators()) == [n for n in example.walk() if isinstance(n, Indicator)]


# ---------------------------------------------------------------- JSON


def test_json_round_trip_of_the_example(example: Plan) -> None:
    again = Plan.from_json(example.to_json())
    assert again == example
    assert again.source == example.source
    assert [str(d) for d in again.diagnostics] == [str(d) for d in example.diagnostics]
    assert Plan.from_json(example.to_json(indent=None).encode()) == example


def test_json_stores_the_written_and_the_canonical_target() -> None:
    plan = small()
    document = json.loads(plan.to_json())
    row = document["sectors"][0]["objectives"][0]["objectives"][0]["blocks"][0]["objectives"][0]
    assert row["indicators"] == [
        {
            "id": "s2.og1.os1.gdp.oo1.i1",
            "label": "Réunions",
            "target_text": ">/=à 50/an.",
            "target": "≥ 50/an",
        },
        {
            "id": "s2.og1.os1.gdp.oo1.i2",
            "label": "Espace d'écoute",
            "target_text": "beaucoup",
            "target": None,
        },
    ]
    assert Plan.from_json(plan.to_json()) == plan


def test_json_documents_follow_the_schema(example: Plan) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for plan in (example, small(), Plan()):
        jsonschema.validate(json.loads(plan.to_json()), SCHEMA)


def test_optional_properties_may_be_left_out() -> None:
    document = {
        "format_version": 1,
        "sectors": [{"id": "s1", "number": 1, "title": "Police"}],
    }
    jsonschema.validate(document, SCHEMA)
    assert Plan.from_json(json.dumps(document)) == Plan.assemble(
        sectors=[Sector(number=1, title="Police")]
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["sectors"][0].pop("title"),
        lambda d: d["sectors"][0].update(number="1"),
        lambda d: d.update(format_version=2),
        lambda d: d["sectors"][0].update(id="S1"),
        lambda d: d["sectors"][0].update(extra=1),
        lambda d: d["diagnostics"][0].update(severity="fatal"),
        lambda d: d["diagnostics"][0].update(line=0),
        lambda d: d["sectors"][0].update(number=-1),
        lambda d: d.update(year=-2023),
        lambda d: d["sectors"][0].update(number=True),
        lambda d: d.update(sectors={}),
        lambda d: d["sectors"][1].update(objectives=""),
    ],
)
def test_the_schema_rejects_what_from_json_rejects(example: Plan, change: Any) -> None:
    document = json.loads(example.to_json())
    change(document)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)
    with pytest.raises(PlanError):
        Plan.from_json(json.dumps(document))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not a plan document: invalid JSON: Expecting property name enclosed in double "
              "quotes: line 1 column 2 (char 1)"),
        ("[]", "not a plan document: expected a JSON object"),
        ("{}", "not a plan document of format version 1: format_version is None"),
        ('{"format_version": true}',
         "not a plan document of format version 1: format_version is True"),
        ('{"format_version": 1.0}',
         "not a plan document of format version 1: format_version is 1.0"),
        ('{"format_version": 1, "sectors": [], "colour": "red"}',
         "not a plan document: extra fields found (colour) @ $"),
        ('{"format_version": 1, "year": "2023"}',
         "not a plan document: invalid value for type, expected int | None @ $.year"),
        ('{"format_version": 1, "sectors": [{"id": "s1", "number": 1, "title": "x", "note": '
         'null, "objectives": [{"id": "s1.og1", "number": 1, "title": "y", "note": null, '
         '"objectives": [{"id": "s1.og1.os1", "number": 1, "title": "z", "note": null, '
         '"blocks": [{"id": "s1.og1.os1.t1", "service": null, "objectives": [{"id": '
         '"s1.og1.os1.t1.oo1", "number": 1, "text": "", "results": [], "indicators": [{"id": '
         '"s1.og1.os1.t1.oo1.i1", "label": "a", "target_text": "b", "target": "beaucoup"}]}]}]}]}]}]}',
         "not a plan document: "),
        ('{"format_version": 1, "sectors": [{"id": "s2", "number": 1, "title": "x", "note": null, '
         '"objectives": []}]}',
         "$.sectors[0] has id 's2', but its place gives it 's1'"),
    ],
)  # fmt: skip
def test_from_json_errors_are_plan_errors_that_say_where(text: str, message: str) -> None:
    with pytest.raises(PlanError) as caught:
        Plan.from_json(text)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sectors"][0].update(number=-1),
         "not a plan document: Sector.number must be a whole number (0 or more) or None, "
         "got -1 @ $.sectors[0]"),
        (lambda d: d["sectors"][0]["objectives"][0].update(number=-2),
         "not a plan document: GeneralObjective.number must be a whole number (0 or more) or "
         "None, got -2 @ $.sectors[0].objectives[0]"),
        (lambda d: d["diagnostics"][1].update(column=0),
         "not a plan document: Diagnostic.column must be a whole number (1 or more), got 0 "
         "@ $.diagnostics[1]"),
        (lambda d: d.update(year=-1),
         "Plan.year must be a whole number (0 or more) or None, got -1"),
        (lambda d: d.update(sectors={}), "Plan.sectors must be an array, got {}"),
        (lambda d: d.update(diagnostics=""), "Plan.diagnostics must be an array, got ''"),
        (lambda d: d["sectors"][1]["objectives"][0].update(objectives={}),
         "not a plan document: GeneralObjective.objectives must be an array, got {} "
         "@ $.sectors[1].objectives[0]"),
    ],
)  # fmt: skip
def test_from_json_rejects_what_the_model_cannot_hold_and_says_where(
    example: Plan, change: Any, message: str
) -> None:
    document = json.loads(example.to_json())
    change(document)
    with pytest.raises(PlanError) as caught:
        Plan.from_json(json.dumps(document))
    assert str(caught.value) == message


def test_an_unreadable_target_in_json_says_where() -> None:
    plan = small()
    document = json.loads(plan.to_json())
    row = document["sectors"][0]["objectives"][0]["objectives"][0]["blocks"][0]["objectives"][0]
    row["indicators"][0]["target"] = "≥ trois/an"
    with pytest.raises(PlanError) as caught:
        Plan.from_json(json.dumps(document))
    assert str(caught.value) == (
        "not a plan document: the target '≥ trois/an' does not parse: expected a number "
        "(12, 2,5, 1.500 or 1 500) after '≥', found 'trois' "
        "@ $.sectors[0].objectives[0].objectives[0].blocks[0].objectives[0].indicators[0].target"
    )


# ---------------------------------------------------------------- diagnostics


def test_diagnostics_format_like_compilers() -> None:
    d = Diagnostic(Severity.ERROR, 12, 5, "the target 'x' does not parse")
    assert d.format("plan.txt") == "plan.txt:12:5: error: the target 'x' does not parse"
    assert d.format() == "<text>:12:5: error: the target 'x' does not parse"
    assert (
        d.format("p", color=True) == "p:12:5: \x1b[1;31merror\x1b[0m: the target 'x' does not parse"
    )
    assert str(d) == "12:5: error: the target 'x' does not parse"


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        (0, 1, "Diagnostic.line must be a whole number (1 or more), got 0"),
        (1, 0, "Diagnostic.column must be a whole number (1 or more), got 0"),
        (-3, 2, "Diagnostic.line must be a whole number (1 or more), got -3"),
        (1.0, 2, "Diagnostic.line must be a whole number (1 or more), got 1.0"),
        (True, 2, "Diagnostic.line must be a whole number (1 or more), got True"),
    ],
)
def test_diagnostics_are_one_based(line: Any, column: int, message: str) -> None:
    with pytest.raises(PlanError) as caught:
        Diagnostic(Severity.INFO, line, column, "x")
    assert str(caught.value) == message


def test_diagnostics_hold_a_severity_and_a_text() -> None:
    with pytest.raises(PlanError, match=r"^Diagnostic.severity must be a Severity, got 'error'$"):
        Diagnostic("error", 1, 1, "x")  # type: ignore[arg-type]
    with pytest.raises(PlanError, match=r"^Diagnostic.message must be a text, got None$"):
        Diagnostic(Severity.ERROR, 1, 1, None)  # type: ignore[arg-type]


def test_errors_are_the_error_diagnostics() -> None:
    diagnostics = (
        Diagnostic(Severity.INFO, 1, 1, "a"),
        Diagnostic(Severity.ERROR, 2, 1, "b"),
        Diagnostic(Severity.WARNING, 3, 1, "c"),
    )
    assert Plan(diagnostics=diagnostics).errors == (diagnostics[1],)


# ---------------------------------------------------------------- the tree


def test_format_tree_of_the_example(example: Plan) -> None:
    lines = format_tree(example).splitlines()
    assert lines[:3] == [
        "Molenbeek-Saint-Jean, 2023",
        "ALLOCATION « GENERALE » CONTRAT DE SECURITE ET DE SOCIETE (art.2)",
        example.legal_basis,
    ]
    assert len(lines) == 3 + len(list(example.walk()))
    assert "      s1.og1.os1.t1  Service : (sans service)" in lines
    assert "        s1.og1.os1.t1.oo1  Objectif opérationnel 1 : (vide)" in lines
    assert (
        "          s2.og1.os2.gdp-cell-incivilites.oo2.i1  Indicateur : Nombre d'opérations "
        "spécifiques organisées → ≥ 30/an"
    ) in lines
    assert "\x1b" not in "\n".join(lines)


def test_format_tree_says_what_has_no_target_and_paints_on_request() -> None:
    plan = small()
    text = format_tree(plan)
    assert text.splitlines()[-1] == (
        "          s2.og1.os1.gdp.oo1.i2  Indicateur : Espace d'écoute → "
        "unreadable target 'beaucoup'"
    )
    painted = format_tree(plan, color=True)
    assert "\x1b[32m≥ 50/an\x1b[0m" in painted
    assert "\x1b[1;31munreadable target 'beaucoup'\x1b[0m" in painted
    empty = format_tree(Plan.assemble(sectors=[Sector(number=None, title=None)]))
    assert empty.splitlines() == ["Plan", "s1  Secteur d'activité : (sans titre)"]


@pytest.mark.parametrize(
    ("commune", "year", "title"),
    [("Molenbeek-Saint-Jean", 2023, "Molenbeek-Saint-Jean, 2023"), ("Anderlecht", None,
     "Anderlecht"), (None, 2023, "2023"), (None, None, "Plan")],
)  # fmt: skip
def test_plan_title_names_the_commune_and_year(
    commune: str | None, year: int | None, title: str
) -> None:
    plan = Plan(commune=commune, year=year)
    assert (plan.title, plan.heading) == (title, title)
    assert format_tree(plan).splitlines()[0] == title


def test_every_node_has_a_heading(example: Plan) -> None:
    fields = {"sector": "title", "general_objective": "title", "strategic_objective": "title",
              "service_block": "service", "operational_objective": "text",
              "expected_result": "text", "indicator": "label"}  # fmt: skip
    for node in example.walk():
        assert node.heading == (getattr(node, fields[node.kind]) or "")
    assert example.node("s2.og1.os1.gdp").heading == "GDP"
    assert example.node("s2.og1.os1.gdp.oo2.i1").heading == "Nombre réunions de concertation"
    assert example.node("s1.og1.os1.t1").heading == ""
