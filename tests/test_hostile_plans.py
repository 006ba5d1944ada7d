"""Hostile plan texts: long runs of debris, huge cells, mangled documents.

The reader must stay linear on any line (no pattern that tries every split of a run),
quote only a bounded piece of the document in its messages, hold memory in proportion
to the text, and still account for every line: each ends up in the plan or is named by
a diagnostic. No test measures time; the patterns are checked by their structure in
``test_patterns_linear.py``.
"""

from __future__ import annotations

import importlib.util
import tracemalloc
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cssindicators.plan import Plan, ServiceBlock, Severity
from cssindicators.reading import _patterns, _text, parse_plan
from cssindicators.reading._template import read_template

# the accounting law of the plan reader's properties: every line in the plan or diagnosed
_spec = importlib.util.spec_from_file_location(
    "_plan_properties", Path(__file__).with_name("test_plan_properties.py")
)
assert _spec is not None
assert _spec.loader is not None
_properties = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_properties)
EXAMPLE_TEXT: str = _properties.EXAMPLE_TEXT
EXAMPLE_LINES: list[str] = _properties.EXAMPLE_LINES
unaccounted_lines = _properties.unaccounted_lines

HEAD = (
    "CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET 2023 DE LA VILLE/COMMUNE DE X\n"
    "Secteur d'activité 3 : Lutte\n"
    "Objectif général 1 - Secteur d'activité 3:\n"
    "Lutte\n"
    "1. Objectif stratégique 1 - Domaine\n"
    "Mettre\n"
    "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
)
#: What a diagnostic may cost at most, whatever the document: quoted texts are cut.
LONGEST_MESSAGE = 3 * _text.QUOTED + 300


def _messages_bounded(plan: Plan) -> None:
    for diagnostic in plan.diagnostics:
        assert len(diagnostic.message) <= LONGEST_MESSAGE, diagnostic.message[:200]


def _cell(text: str) -> str:
    return HEAD + f"1. X\t- R\t- {text}\n"


# ---------------------------------------------------------------- regressions


def test_a_line_of_opening_brackets_is_text_not_expected() -> None:
    plan = parse_plan(HEAD.split("Objectifs")[0] + "[" * 40_000 + "\n")
    (diagnostic,) = [d for d in plan.diagnostics if d.line == 7]
    assert diagnostic.severity is Severity.WARNING
    assert "(40000 characters)" in diagnostic.message
    _messages_bounded(plan)


def test_a_line_of_superscript_openings_is_text_not_expected() -> None:
    plan = parse_plan(HEAD.split("Objectifs")[0] + "^{" * 20_000 + "\n")
    (diagnostic,) = [d for d in plan.diagnostics if d.line == 7]
    assert "'^{^{" in diagnostic.message
    _messages_bounded(plan)


def test_links_and_superscripts_among_debris_are_still_cleaned() -> None:
    span = _text.clean("[[x [POLE  A](#) ^{^{er} 1^{er} ([b](u))", 1)
    assert span.text == "[[x POLE A ^{er 1er (b)"
    assert [raw for _, _, raw in span.marks] == ["^{er}", "^{er}"]


def test_an_indicator_cell_of_brackets_keeps_its_text() -> None:
    for debris in ("[" * 40_000, "^{" * 20_000, "(" * 40_000, "](" * 20_000):
        plan = parse_plan(_cell("Nombre " + debris + " ≥ 3/an"))
        (indicator,) = plan.indicators()
        assert indicator.target is None or indicator.target_text == "≥ 3/an"
        # nothing lost: the whole cell is in the label or the target
        assert len(indicator.label) + len(indicator.target_text or "") >= len(debris)
        _messages_bounded(plan)


def test_an_unreadable_target_of_40_000_characters_is_one_cut_error() -> None:
    target = "≥ " + "1" * 40_000 + " /"
    plan = parse_plan(_cell("Nombre : " + target))
    (indicator,) = plan.indicators()
    assert indicator.target is None
    assert indicator.target_text == target
    (error,) = plan.errors
    assert error.line == 8
    assert "does not parse" in error.message
    assert f"({len(target)} characters)" in error.message
    _messages_bounded(plan)


def test_a_long_target_without_colon_is_read_or_reported() -> None:
    for cell in (
        "Nombre ≥ " + "1 " * 20_000 + "/",
        "Nombre " + "a1 " * 13_000 + "≥ 3/an",
        "Nombre" + " -" * 20_000 + " 10 %",
        "Nombre : (" + "a " * 20_000 + ") ≥ 3/an x",
    ):
        plan = parse_plan(_cell(cell))
        (indicator,) = plan.indicators()
        if indicator.target is None:
            assert [d.line for d in plan.diagnostics] == [8]
        _messages_bounded(plan)


def test_runs_of_spaces_and_semicolons_end_items_linearly() -> None:
    assert _patterns.trim_end("Mise en place" + " ;" * 20_000) == "Mise en place"
    assert _patterns.trim_end(" ;" * 20_000 + "x") == " ;" * 20_000 + "x"
    plan = parse_plan(HEAD + "1. X" + " ;" * 20_000 + "\t- R" + "; " * 20_000 + "x\t- N : 1\n")
    (objective,) = plan.node("s3.og1.os1.t1", ServiceBlock).objectives
    assert objective.text == "X"
    assert objective.results[0].text.endswith("; x")


def test_a_bracket_without_its_end_is_no_note() -> None:
    text = HEAD.split("1. Objectif")[0] + "(" + " " * 20_000 + "x\n"
    plan = parse_plan(text)
    assert plan.sectors[0].objectives[0].note is None
    assert [d.line for d in plan.diagnostics] == [5]
    noted = parse_plan(HEAD.split("1. Objectif")[0] + "(  Voir annexe 2 )\n")
    assert noted.sectors[0].objectives[0].note == "Voir annexe 2"


def test_memory_stays_in_proportion_to_the_plan() -> None:
    text = EXAMPLE_TEXT * 40  # some 480 KB: big enough for the plan to outweigh the rest
    size = len(text.encode("utf-8"))
    parse_plan(EXAMPLE_TEXT)  # caches and imports warmed up
    tracemalloc.start()
    try:
        plan = parse_plan(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(plan.sectors) == 40 * len(parse_plan(EXAMPLE_TEXT).sectors)
    assert peak < 10 * size, f"{peak / size:.1f}× the file"


# ---------------------------------------------------------------- mangled plans

_CHARS = st.characters(codec="utf-8") | st.sampled_from(
    list("\t\r\x0b\x0c\x1c\x85\u2028[]()^{}_-;:≥/%")
)
_NOISE = st.text(_CHARS, max_size=40)


@st.composite
def mangled_plans(draw: st.DrawFn) -> str:
    """The example plan with lines deleted, duplicated, moved, inserted or garbled."""
    lines = list(EXAMPLE_LINES)
    for _ in range(draw(st.integers(0, 12))):
        index = draw(st.integers(0, len(lines) - 1)) if lines else 0
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "garble", "move"]))
        if not lines:
            lines.append(draw(_NOISE))
        elif action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            lines.insert(index, draw(_NOISE))
        elif action == "garble":
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            cut = draw(st.integers(0, 10))
            lines[index] = line[:at] + draw(_NOISE) + line[at + cut :]
        else:
            lines.insert(draw(st.integers(0, len(lines))), lines.pop(index))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(mangled_plans())
def test_a_mangled_plan_is_read_with_every_line_accounted_for(text: str) -> None:
    reading = read_template(text)
    assert isinstance(reading.plan, Plan)
    assert parse_plan(text) == reading.plan
    _messages_bounded(reading.plan)
    assert unaccounted_lines(text, reading) == []


@settings(max_examples=100, deadline=None)
@given(st.text(_CHARS, max_size=300))
def test_any_text_is_a_plan_with_diagnostics(text: str) -> None:
    plan = parse_plan(text)
    assert isinstance(plan, Plan)
    _messages_bounded(plan)
    if text.strip():
        assert plan.diagnostics or plan.sectors or plan.commune is not None
