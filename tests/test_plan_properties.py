"""Laws of plans and of the reader, checked on the example and with Hypothesis.

* render a plan to the template's text, read it back: the same plan;
* JSON: ``Plan.from_json(plan.to_json()) == plan``, and the document follows the schema;
* nothing lost: every non-blank line of any input is either in the plan (and its words
  are found in the nodes it went into) or named by a diagnostic;
* the reader never raises on any text; ids are unique and lead back to their node.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any, TypeVar

import attrs
import jsonschema
from hypothesis import assume, event, given
from hypothesis import strategies as st

from cssindicators._plan_strategies import _phrases
from cssindicators.errors import PlanError, TargetSyntaxError
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
from cssindicators.reading import parse_plan, render_template
from cssindicators.reading._template import Reading, read_template
from cssindicators.reading._text import clean
from cssindicators.strategies import plans, targets, written_targets
from cssindicators.targets import Change, Target, parse_target

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_TEXT = (ROOT / "examples" / "molenbeek-2023" / "plan.txt").read_text(encoding="utf-8")
VALIDATOR = jsonschema.Draft202012Validator(
    json.loads((ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8"))
)
EXAMPLE_LINES = EXAMPLE_TEXT.split("\n")
T = TypeVar("T")
WORD = re.compile(r"[^\W\d_]+|\d+")  # words and numbers apart: "général0" reads as two

# The words of the template's own headings, which no node needs to repeat.
TEMPLATE_WORDS = set(
    WORD.findall(
        """
        contrat de securite sécurité et societe société plan projet la ville commune d
        secteur secteurs activité activités activite activites
        objectif objectifs général généraux general generaux stratégique stratégiques
        strategique strategiques domaine domaines opérationnel opérationnels operationnel
        operationnels résultat résultats resultat resultats attendu attendus indicateur
        indicateurs
        """.casefold()
    )
)


def _node_words(plan: Plan, node_id: str) -> set[str]:
    """The words a line may hold when it went into node ``node_id`` ("" is the plan)."""
    if node_id == "":
        texts = [plan.commune, plan.year, plan.allocation, plan.legal_basis]
    else:
        node = plan.node(node_id)
        texts = [
            getattr(part, name, None)
            for part in (node, *plan.parents(node_id))
            for name in ("number", "title", "note", "service", "text", "label", "target_text")
            if part is node or name == "number"
        ]
    return set(WORD.findall(" ".join(str(t) for t in texts if t is not None).casefold()))


def _number_word(word: str) -> str:
    """A number as the plan keeps it: ``01.`` numbers the first item, like ``1.``."""
    return word.lstrip("0") or "0" if word.isdigit() else word


def unaccounted_lines(text: str, reading: Reading | None = None) -> list[str]:
    """The non-blank lines of ``text`` neither in the plan read from it nor diagnosed."""
    reading = reading or read_template(text)
    owners = reading.owners()
    named = {d.line for d in reading.plan.diagnostics}
    problems = []
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        if not raw.strip() or number in named:
            continue
        if number not in owners:
            problems.append(f"line {number} is nowhere: {raw!r}")
            continue
        known = TEMPLATE_WORDS.union(*(_node_words(reading.plan, i) for i in owners[number]))
        known |= {_number_word(w) for w in known}
        words = WORD.findall(clean(raw, number).text.casefold())
        lost = [w for w in words if w not in known and _number_word(w) not in known]
        if lost:
            problems.append(f"line {number} lost {lost} in {owners[number]}: {raw!r}")
    return problems


def assert_ids_lead_to_their_nodes(plan: Plan) -> None:
    nodes = list(plan.walk())
    assert len({n.id for n in nodes}) == len(nodes)
    for node in nodes:
        assert plan.node(node.id) is node
        parents = plan.parents(node.id)
        siblings = parents[-1].children if parents else plan.sectors
        assert any(s is node for s in siblings)
        assert node.id.startswith(parents[-1].id + ".") if parents else "." not in node.id


# ---------------------------------------------------------------- the example


def test_every_line_of_the_example_is_in_the_plan_or_diagnosed() -> None:
    assert unaccounted_lines(EXAMPLE_TEXT) == []


def test_the_check_finds_lost_words_and_lost_lines() -> None:
    # the law's own check must fail on a reading that loses something
    tampered = EXAMPLE_TEXT.replace("identifiés à risques", "repérés à risques")
    assert unaccounted_lines(EXAMPLE_TEXT, read_template(tampered)) == [
        "line 69 lost ['identifiés'] in ('s2.og1.os1.gdp.oo1', 's2.og1.os1.gdp.oo1.r1', "
        "'s2.og1.os1.gdp.oo1.i1'): " + repr(EXAMPLE_LINES[68])
    ]
    reading = read_template(EXAMPLE_TEXT)
    forgetful = Reading(reading.plan, {k: v for k, v in reading.claims.items() if k != 94})
    assert unaccounted_lines(EXAMPLE_TEXT, forgetful) == [
        f"line 94 is nowhere: {EXAMPLE_LINES[93]!r}"
    ]


def test_example_ids() -> None:
    assert_ids_lead_to_their_nodes(parse_plan(EXAMPLE_TEXT))


# ---------------------------------------------------------------- generated plans


@given(plans())
def test_a_rendered_plan_reads_back_to_the_same_plan(plan: Plan) -> None:
    text = render_template(plan)
    assert parse_plan(text) == plan
    assert unaccounted_lines(text) == []


@given(plans())
def test_json_round_trip_and_schema(plan: Plan) -> None:
    document = plan.to_json()
    assert Plan.from_json(document) == plan
    VALIDATOR.validate(json.loads(document))


@given(plans())
def test_generated_ids_are_unique_and_lead_back(plan: Plan) -> None:
    assert_ids_lead_to_their_nodes(plan)


# ---------------------------------------------------------------- anything the model holds

# Every value each field may hold, not only those a document gives: any text (empty, with
# line breaks, control characters, any script), any number from 0 up, any target, a
# target text without target and the other way round, any diagnostic.
_TEXTS = st.text()
_OPTIONAL_TEXTS = st.none() | st.text()
_NUMBERS = st.none() | st.integers(min_value=0)


def _tuples(strategy: st.SearchStrategy[T], most: int = 3) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=most).map(tuple)


_INDICATORS = st.builds(
    Indicator, label=_TEXTS, target_text=_OPTIONAL_TEXTS, target=st.none() | targets()
)
_OPERATIONALS = st.builds(
    OperationalObjective,
    number=_NUMBERS,
    text=_TEXTS,
    results=_tuples(st.builds(ExpectedResult, text=_TEXTS)),
    indicators=_tuples(_INDICATORS),
)
_BLOCKS = st.builds(ServiceBlock, service=_OPTIONAL_TEXTS, objectives=_tuples(_OPERATIONALS))
_STRATEGICS = st.builds(
    StrategicObjective,
    number=_NUMBERS,
    title=_OPTIONAL_TEXTS,
    note=_OPTIONAL_TEXTS,
    blocks=_tuples(_BLOCKS),
)
_GENERALS = st.builds(
    GeneralObjective,
    number=_NUMBERS,
    title=_OPTIONAL_TEXTS,
    note=_OPTIONAL_TEXTS,
    objectives=_tuples(_STRATEGICS, 2),
)
_SECTORS = st.builds(
    Sector,
    number=_NUMBERS | st.integers(0, 2),  # repeated numbers, for the id scheme
    title=_OPTIONAL_TEXTS,
    note=_OPTIONAL_TEXTS,
    objectives=_tuples(_GENERALS, 2),
)
_DIAGNOSTICS = st.builds(
    Diagnostic,
    st.sampled_from(Severity),
    st.integers(min_value=1),
    st.integers(min_value=1),
    _TEXTS,
)
ANY_PLANS = st.builds(
    Plan.assemble,
    sectors=_tuples(_SECTORS, 3),
    commune=_OPTIONAL_TEXTS,
    year=_NUMBERS,
    allocation=_OPTIONAL_TEXTS,
    legal_basis=_OPTIONAL_TEXTS,
    diagnostics=_tuples(_DIAGNOSTICS),
    source=_OPTIONAL_TEXTS,
)


@given(ANY_PLANS)
def test_whatever_the_model_holds_json_writes_and_reads_back(plan: Plan) -> None:
    for document in (plan.to_json(), plan.to_json(indent=None), str(plan)):
        again = Plan.from_json(document)
        assert again == plan
        assert again.source == plan.source
        assert [d.message for d in again.diagnostics] == [d.message for d in plan.diagnostics]
        VALIDATOR.validate(json.loads(document))
    assert_ids_lead_to_their_nodes(plan)


# any JSON value, to put anywhere in a document
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of a JSON value, at any depth."""
    found: list[tuple[Any, Any]] = []
    keys = (
        value.keys()
        if isinstance(value, dict)
        else range(len(value))
        if isinstance(value, list)
        else ()
    )
    for key in keys:
        found.append((value, key))
        found += _places(value[key])
    return found


@given(ANY_PLANS, st.data())
def test_from_json_reads_a_changed_document_or_raises_a_plan_error(
    plan: Plan, data: st.DataObject
) -> None:
    document = json.loads(plan.to_json())
    container, key = data.draw(st.sampled_from(_places(document)))
    container[key] = data.draw(_JSON)
    text = json.dumps(document)
    try:
        again = Plan.from_json(text)
    except PlanError:
        event("rejected with a PlanError")
        return
    event("read")
    VALIDATOR.validate(document)  # what from_json reads, the schema allows
    assert Plan.from_json(again.to_json()) == again


@given(st.text() | st.binary())
def test_from_json_of_any_text_is_a_plan_or_a_plan_error(text: str | bytes) -> None:
    with contextlib.suppress(PlanError):
        Plan.from_json(text)


# ---------------------------------------------------------------- any text

# Lines of real plans and their debris, to shuffle into documents.
TEMPLATE_LINES = st.sampled_from(
    [
        *EXAMPLE_LINES,
        "Objectif stratégique - Domaine :",
        "Secteur d'activité :",
        "\t- Nombre : beaucoup",
        "\t\t- Nombre de visites",
        "1.\t- \t- X : Oui/Non\tcommentaire",
        "(note)",
        "( )",
        "_____",
        "Objectifs opérationnels  Résultats attendus  Indicateurs",
        "CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET",
    ]
)


@given(st.lists(TEMPLATE_LINES, max_size=40))
def test_shuffled_template_lines_are_read_without_loss(lines: list[str]) -> None:
    text = "\n".join(lines)
    plan = parse_plan(text)  # never raises
    assert unaccounted_lines(text) == []
    assert_ids_lead_to_their_nodes(plan)


@given(st.lists(st.sampled_from(EXAMPLE_LINES), max_size=40))
def test_whatever_is_read_from_template_lines_renders_and_reads_back(lines: list[str]) -> None:
    plan = parse_plan("\n".join(lines))
    again = parse_plan(render_template(plan))
    assert attrs.evolve(again, diagnostics=()) == attrs.evolve(plan, diagnostics=())


@given(st.text(st.characters(codec="utf-8"), max_size=300))
def test_any_text_is_read_without_loss(text: str) -> None:
    assert unaccounted_lines(text) == []


@given(
    st.lists(
        st.text(
            st.sampled_from("1.- \t:()[]^{}_≥/Oui Non Secteur d'activité objectif"), max_size=30
        ),
        max_size=12,
    )
)
def test_template_like_text_is_read_without_loss(lines: list[str]) -> None:
    text = "\n".join(lines)
    plan = parse_plan(text)
    assert unaccounted_lines(text) == []
    places = [(d.line, d.column) for d in plan.diagnostics]
    assert places == sorted(places)
    # Every diagnostic points into the text; an empty text is said so at its start.
    shown = lines or [""]
    for d in plan.diagnostics:
        assert 1 <= d.line <= len(shown)
        assert 1 <= d.column <= len(shown[d.line - 1]) + 1


def _parses(text: str) -> bool:
    try:
        parse_target(text)
    except ValueError:
        return False
    return True


@given(_phrases(), written_targets())
def test_an_indicator_without_colon_splits_into_its_label_and_target(
    label: str, written: tuple[Target, str]
) -> None:
    target, text = written
    words = label.split()
    # a label whose last words read as the start of the target, or a target that is a
    # bare number (which may end a label: "… en 2023"), cannot be split without a colon
    assume(not any(_parses(" ".join([*words[k:], text])) for k in range(len(words))))
    assume(not re.fullmatch(r"[\d\s.,]+", text))
    plan = parse_plan(
        "Secteur d'activité 1 : S\nObjectif général 1 : G\nObjectif stratégique 1 : O\n"
        f"Objectifs opérationnels\tRésultats attendus\tIndicateurs\n1. A\t\t- {label} {text}\n"
    )
    (indicator,) = plan.indicators()
    if not re.search(r"[\d/]", text) or re.fullmatch(r"[\d\s.,]+\([^()]*\)", text):
        # words alone ("Oui", "en baisse") or a number with a note ("2023 (bilan)") may end
        # a label: without a colon, they are no target, and the reader says so
        assert indicator.target is None
        assert plan.diagnostics != ()
        return
    if _claims(words, text) and indicator.target is None:
        # the label's last words and the text may be one target that does not parse
        assert [d.severity for d in plan.diagnostics] == [Severity.ERROR]
        return
    assert (indicator.label, indicator.target) == (label, target)
    signed = text.lstrip()[:1] in ("-", "+", "−")
    if signed and isinstance(target, Change) and target.baseline is None:
        # a sign after a label that may name no change: read, and maybe warned about
        assert all(
            d.severity is Severity.WARNING and "though the label names none" in d.message
            for d in plan.diagnostics
        )
        return
    assert plan.diagnostics == ()


def _claims(words: list[str], text: str) -> bool:
    """Whether the last words of a label start a target that the text may go on with: one
    whose reading goes on into the text ("≥ 2023" before "Oui/Non" takes "Oui" for what it
    counts; "Taux de" before "80 %": 'de 80 %', a range cut short), or, before a target
    that starts with its number, any target ("≥ 3/an en" before "2 sessions")."""
    # (a change written with a sign, "- 10 %", has no comparator of its own either; a
    # reading that stops at its sign, "de -0,01 %", is a target cut short there)
    signed = text.lstrip()[:1] in ("-", "+", "−")
    implicit = text.lstrip()[:1].isdigit() or signed
    for k in range(len(words)):
        head = " ".join(words[k:])
        start = len(head) + 1 + len(text) - len(text.lstrip())
        try:
            parse_target(f"{head} {text}")
        except TargetSyntaxError as error:
            if error.position > start or not error.expected:
                return True
            if signed and error.position == start:
                return True
        if implicit and any(_parses(" ".join(words[k:j])) for j in range(k + 1, len(words) + 1)):
            return True
    return False
