"""Reports: every format shows the scores and the invalid rows, and hostile text stays inert.

Each format has a reader here that takes back, from the report alone, what it shows:
each indicator's status, each invalid row (file, line, raw values, reason). The laws
compare what the readers find with the scorecard.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators._color import RESET, YELLOW
from cssindicators._terminal import UNSAFE, visible
from cssindicators.measurements import Problem
from cssindicators.plan import (
    GeneralObjective,
    Indicator,
    OperationalObjective,
    Plan,
    Sector,
    ServiceBlock,
    StrategicObjective,
)
from cssindicators.reading import read_plan
from cssindicators.reports import (
    CSV_COLUMNS,
    FORMATS,
    SCHEMA,
    plan_to_html,
    render,
    to_csv,
    to_html,
    to_json,
    to_markdown,
    to_text,
)
from cssindicators.reports._common import summary_line
from cssindicators.scoring import Scorecard, example_files, score

_EXAMPLE: list[Scorecard] = []


def example() -> Scorecard:
    """The bundled example, scored (once: a scorecard is immutable)."""
    if not _EXAMPLE:
        plan_path, data_path = example_files()
        _EXAMPLE.append(score(read_plan(plan_path), data_path))
    return _EXAMPLE[0]


def warned(period: str | None = None) -> Scorecard:
    """The example's plan scored against rows that give warnings: one day for a yearly
    target (implausibly many, from a sliver of the year), a row without a period, a
    single month; and a row that gives none, and one invalid row."""
    plan = read_plan(example_files()[0])
    rows = [
        ("s2.og1.os1.gdp.oo2.i1", 1, "2023-01-01"),
        ("s2.og1.os1.gdp.oo3.i1", 9, None),
        ("s2.og1.os1.gdp.oo4.i1", 260, "2023"),
        ("s3.og1.os1.pole-radicalisme.oo2.i1", 4, "2023-03"),
        ("s9.i1", 1, "2023"),
    ]
    measurements = [ci.Measurement(value=v, period=t, indicator=i) for i, v, t in rows]
    return score(plan, measurements, period=period)


def shown_raw(problem: Problem) -> str:
    """The rule every report follows: blank cells left out, the others ``column='text'``."""
    return "; ".join(f"{name}={text!r}" for name, text in problem.raw if text.strip())


# ---------------------------------------------------------------- readers, one a format

#: What a reader takes back from a report: {indicator id: status}, and the invalid rows
#: as (file, line, raw values, reason).
Shown = tuple[dict[str, str], list[tuple[str, int, str, str]]]

_PROBLEM_LINE = re.compile(r"  (.*?):(\d+): (.*)")


def read_text(report: str) -> Shown:
    statuses: dict[str, str] = {}
    lines = report.splitlines()
    for line, below in itertools.pairwise(lines):
        # An indicator: its id and label, then a line that starts with a status light.
        shown = below.strip()
        if shown[:2] in ("● ", "◐ ", "○ ", "· ", "✗ "):
            statuses[line.split()[0]] = shown[2:14].strip()
    start = next(i for i, line in enumerate(lines) if line.startswith("Invalid rows"))
    problems = []
    rest = iter(lines[start + 1 :])
    for where, raw in zip(rest, rest, strict=False):
        found = _PROBLEM_LINE.fullmatch(where)
        assert found, where
        assert raw.startswith("    "), raw
        problems.append((found[1], int(found[2]), raw[4:], found[3]))
    return statuses, problems


def markdown_cells(line: str) -> list[str]:
    """The cells of a Markdown table row, escapes taken out."""
    assert line.startswith("| "), line
    assert line.endswith(" |"), line
    cells, cell, chars = [], "", iter(line[2:-2])
    for char in chars:
        if char == "\\":
            cell += next(chars)
        elif char == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += char
    return [*cells, cell.strip()]


def read_markdown(report: str) -> Shown:
    statuses: dict[str, str] = {}
    problems = []
    header: list[str] = []
    for line in report.splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = markdown_cells(line)
        if not header:
            header = cells
        elif set(line) <= set("|-: "):
            continue  # the alignment row
        elif header[0] == "Status":
            statuses[cells[1]] = cells[0].split(" ", 1)[1]
        elif header[0] == "File":
            problems.append((cells[0], int(cells[1]), cells[2], cells[3]))
    return statuses, problems


class _Rows(HTMLParser):
    """Every table row of a page: its ``class``, the class of the section it is in
    (``tree``, ``warnings``, ``problems``), and its cells (each a list of the texts
    between ``<br>``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, str, list[list[str]]]] = []
        self.section = ""
        self.in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.section = dict(attrs).get("class") or ""
        elif tag == "tr":
            self.rows.append((dict(attrs).get("class") or "", self.section, []))
        elif tag == "td":
            self.rows[-1][2].append([""])
            self.in_cell = True
        elif tag == "br" and self.in_cell:
            self.rows[-1][2][-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self.in_cell = False

    def handle_data(self, data: str) -> None:
        if self.in_cell:
            self.rows[-1][2][-1][-1] += data


def read_html(report: str) -> Shown:
    parser = _Rows()
    parser.feed(report)
    statuses: dict[str, str] = {}
    problems = []
    for kind, section, cells in parser.rows:
        if section == "problems" and cells:
            source, line, raw, reason = ("; ".join(c) for c in cells)
            problems.append((source, int(line), raw, reason))
        elif kind:  # an indicator: the class of its status
            status, (indicator, _label), *_ = cells
            assert kind == status[0].replace(" ", "-")
            statuses[indicator] = status[0]
    return statuses, problems


def _uncell(text: str) -> str:
    """A CSV cell's text without the quote that keeps spreadsheets from running it."""
    return (
        text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text
    )


def read_csv(report: str) -> Shown:
    rows = list(csv.DictReader(io.StringIO(report)))
    statuses = {row["id"]: row["status"] for row in rows if row["record"] == "indicator"}
    problems = [
        (_uncell(r["source"]), int(r["line"]), _uncell(r["raw"]), _uncell(r["reason"]))
        for r in rows
        if r["record"] == "invalid row"
    ]
    return statuses, problems


def read_json(report: str) -> Shown:
    document = json.loads(report)
    statuses = {i["id"]: i["status"] for i in document["indicators"]}
    problems = [
        (p["source"], p["line"], "; ".join(f"{k}={v!r}" for k, v in p["raw"].items()), p["reason"])
        for p in document["problems"]
    ]
    return statuses, problems


READERS: dict[str, Callable[[str], Shown]] = {
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
    "csv": read_csv,
    "json": read_json,
}


def test_every_format_has_a_reader() -> None:
    assert list(READERS) == list(FORMATS)
    assert list(WARNING_READERS) == list(FORMATS)
    assert [name for name in FORMATS if name not in TITLE_READERS] == ["csv"]


# ---------------------------------------------------------------- warnings, read back

#: What a warning reader takes back from a report: the warnings beside each indicator
#: ({id: warnings}, indicators without any left out), the list of warnings as (id,
#: warning), and the warnings counted for each node ({id: count}, the plan's id is "").
#: A format without some of these gives ``None`` for it.
ShownWarnings = tuple[
    dict[str, tuple[str, ...]], list[tuple[str, str]] | None, dict[str, int] | None
]
_MARKED = "⚠ "
_COUNTED = re.compile(r" · (\d+) warnings?$")


def warnings_of_text(report: str) -> ShownWarnings:
    lines = report.splitlines()
    beside: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    indicator = node = None
    end = next(i for i, line in enumerate(lines) if line.startswith("Warnings"))
    for line, below in itertools.pairwise(lines[:end]):
        shown = below.strip()
        if shown[:2] in ("● ", "◐ ", "○ ", "· ", "✗ "):
            indicator = line.split()[0]
        elif shown.startswith(_MARKED):
            assert indicator is not None, below
            beside.setdefault(indicator, []).append(shown[len(_MARKED) :])
        elif re.match(r"\d+ indicators? · ", shown):  # a roll-up, below its node's line
            node = "" if not line.strip() else line.split()[0]
            found = _COUNTED.search(shown)
            counts[node] = int(found[1]) if found else 0
        elif shown:
            indicator = None
    listed = []
    if lines[end] != "Warnings: none":
        heading = re.fullmatch(r"Warnings \((\d+)\)", lines[end])
        assert heading, lines[end]
        count = int(heading[1])
        for line in lines[end + 1 : end + 1 + count]:
            assert line.startswith("  "), line
            ident, warning = line[2:].split(": ", 1)
            listed.append((ident, warning))
        assert lines[end + 1 + count] == ""
    else:
        assert lines[end + 1] == ""
    return {k: tuple(v) for k, v in beside.items()}, listed, counts


def warnings_of_markdown(report: str) -> ShownWarnings:
    beside: dict[str, tuple[str, ...]] = {}
    listed: list[tuple[str, str]] = []
    header: list[str] = []
    for line in report.splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = markdown_cells(line)
        if not header:
            header = cells
        elif set(line) <= set("|-: "):
            continue
        elif header[0] == "Status":
            marked = tuple(
                c[len(_MARKED) :] for c in cells[6].split(" · ") if c.startswith(_MARKED)
            )
            if marked:
                beside[cells[1]] = marked
        elif header == ["Indicator", "Warning"]:
            listed.append((cells[0], cells[1]))
    counts = {}
    node = ""
    for line in report.splitlines():
        heading = _HEADING.fullmatch(line)
        if heading and len(heading[1]) > 1:
            node = heading[2].split(" · ")[0]
        elif re.match(r"\d+ indicators? · ", line):
            found = _COUNTED.search(line)
            counts[node] = int(found[1]) if found else 0
    assert ("## Warnings: none" in report) == (not listed)
    return beside, listed, counts


class _Warnings(HTMLParser):
    """The text of each element of class ``warning`` with the section it is in and the
    id shown last before it (its indicator's); the counts of each node, by the id shown
    last before them, and the plan's summary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.section = ""
        self.last_id = ""
        self.open: str | None = None  # "warning", "id", "counts" or "summary"
        self.found: list[tuple[str, str, str]] = []  # (section, id, text)
        self.counts: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section":
            self.section = classes[0] if classes else ""
        elif tag == "br":
            self.open = None
        elif "warning" in classes:
            self.open = "warning"
            self.found.append((self.section, self.last_id, ""))
        elif "id" in classes:
            self.open, self.last_id = "id", ""
        elif "counts" in classes:
            self.open, self.counts[self.last_id] = "counts", ""
        elif tag == "p" and "summary" in classes:
            self.open, self.counts[""] = "summary", ""

    def handle_endtag(self, tag: str) -> None:
        self.open = None

    def handle_data(self, data: str) -> None:
        if self.open == "warning":
            section, ident, text = self.found[-1]
            self.found[-1] = (section, ident, text + data)
        elif self.open == "id":
            self.last_id += data
        elif self.open == "counts":
            self.counts[self.last_id] += data
        elif self.open == "summary":
            self.counts[""] += data


def warnings_of_html(report: str) -> ShownWarnings:
    parser = _Warnings()
    parser.feed(report)
    beside: dict[str, list[str]] = {}
    listed = []
    for section, ident, text in parser.found:
        assert text.startswith(_MARKED), text
        if section == "tree":
            beside.setdefault(ident, []).append(text[len(_MARKED) :])
        else:
            assert section == "warnings", section
            listed.append((ident, text[len(_MARKED) :]))
    assert ("<h2>Warnings: none</h2>" in report) == (not listed)
    counts = {}
    for ident, text in parser.counts.items():
        found = _COUNTED.search(text.strip())
        counts[ident] = int(found[1]) if found else 0
    return {k: tuple(v) for k, v in beside.items()}, listed, counts


def warnings_of_csv(report: str) -> ShownWarnings:
    rows = list(csv.DictReader(io.StringIO(report)))
    beside = {
        row["id"]: tuple(_uncell(row["warnings"]).split("; "))
        for row in rows
        if row["record"] == "indicator" and row["warnings"]
    }
    counts = {row["id"]: int(row["warnings"]) for row in rows if row["record"] == "node"}
    return beside, None, counts


def warnings_of_json(report: str) -> ShownWarnings:
    document = json.loads(report)
    beside = {i["id"]: tuple(i["warnings"]) for i in document["indicators"] if i["warnings"]}
    return beside, None, {n["id"]: n["warnings"] for n in document["nodes"]}


WARNING_READERS: dict[str, Callable[[str], ShownWarnings]] = {
    "text": warnings_of_text,
    "markdown": warnings_of_markdown,
    "html": warnings_of_html,
    "csv": warnings_of_csv,
    "json": warnings_of_json,
}


class _Title(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: str | None = None
        self.texts: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open = tag if tag in ("title", "h1") and tag not in self.texts else None

    def handle_endtag(self, tag: str) -> None:
        self.open = None

    def handle_data(self, data: str) -> None:
        if self.open:
            self.texts[self.open] = self.texts.get(self.open, "") + data


def title_of_html(report: str) -> str | None:
    parser = _Title()
    parser.feed(report)
    assert parser.texts["title"] == parser.texts["h1"]  # the tab's title and the heading
    return parser.texts["h1"]


#: The title of a report, read back; JSON gives its reporting period (the rest of a
#: title is in its plan object). CSV, one table for other tools, has no title.
TITLE_READERS: dict[str, Callable[[str], str | None]] = {
    "text": lambda report: report.splitlines()[0],
    "markdown": lambda report: re.sub(r"\\(.)", r"\1", report.splitlines()[0].removeprefix("# ")),
    "html": title_of_html,
    "json": lambda report: json.loads(report)["period"],
}


# ---------------------------------------------------------------- every format


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_shows_each_indicator_with_its_own_status(name: str) -> None:
    card = example()
    assert {r.status for r in card} == set(ci.Status)  # the example has every status
    statuses, _ = READERS[name](render(card, name))
    assert statuses == {r.id: r.status.value for r in card}


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_lists_each_invalid_row_with_its_raw_values(name: str) -> None:
    card = example()
    # The example has blank cells (left out) and notes (shown) in its invalid rows.
    assert any(text == "" for p in card.problems for _, text in p.raw)
    assert any(column == "note" and text for p in card.problems for column, text in p.raw)
    _, problems = READERS[name](render(card, name))
    assert problems == [(p.source, p.line, shown_raw(p), p.reason) for p in card.problems]
    assert card.sources[0] in render(card, name)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_leaves_blank_cells_out_and_quotes_the_others(
    name: str, tmp_path: Path
) -> None:
    data = tmp_path / "m.csv"
    data.write_text("indicator;value;period;unit;note\ns9.i1;l'été;2023;;  \n", encoding="utf-8")
    card = score(read_plan(example_files()[0]), data)
    report = render(card, name)
    (problem,) = READERS[name](report)[1]
    assert problem[2] == "indicator='s9.i1'; value=\"l'été\"; period='2023'"
    assert "unit=" not in report
    assert "note=" not in report
    if name == "json":
        raw = {"indicator": "s9.i1", "value": "l'été", "period": "2023"}
        assert json.loads(report)["problems"][0]["raw"] == raw


def test_the_scorecards_with_and_without_warnings() -> None:
    """What the tests of warnings take for granted."""
    card = warned()
    by_indicator = {r.id: len(r.warnings) for r in card if r.warnings}
    assert by_indicator == {
        "s2.og1.os1.gdp.oo2.i1": 3,
        "s2.og1.os1.gdp.oo3.i1": 1,
        "s3.og1.os1.pole-radicalisme.oo2.i1": 1,
    }
    assert card.rollup("s2").warnings == 4
    assert card.problems
    assert example().warnings() == ()


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_shows_each_warning_beside_its_indicator_and_counts_them(
    name: str,
) -> None:
    card = warned()
    beside, listed, counts = WARNING_READERS[name](render(card, name))
    assert beside == {r.id: r.warnings for r in card if r.warnings}
    if listed is not None:  # the reports for people list them all too
        assert listed == list(card.warnings())
    assert counts is not None
    assert "" in counts  # the plan's roll-up
    assert len(counts) > 3
    assert counts == {ident: card.rollup(ident).warnings for ident in counts}
    # The reports still show every status and every invalid row.
    statuses, problems = READERS[name](render(card, name))
    assert statuses == {r.id: r.status.value for r in card}
    assert len(problems) == len(card.problems)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_without_warnings_shows_none(name: str) -> None:
    card = example()
    report = render(card, name)
    beside, listed, counts = WARNING_READERS[name](report)
    assert beside == {}
    assert listed in (None, [])
    assert counts
    assert set(counts.values()) == {0}
    assert "⚠" not in report
    if name in ("text", "markdown", "html"):  # one line says there are none, no more
        shown = re.sub(r"<style>.*?</style>", "", report, flags=re.S)
        shown = shown.replace('<section class="warnings">', "")
        assert shown.lower().count("warning") == 1
        assert "Warnings: none" in shown


@pytest.mark.parametrize("name", list(TITLE_READERS))
@pytest.mark.parametrize(("period", "shown"), [(None, "2023"), ("T1 2023", "2023-Q1")])
def test_every_title_names_the_reporting_period_in_its_iso_form(
    name: str, period: str | None, shown: str
) -> None:
    card = warned(period)
    assert str(card.period) == shown
    found = TITLE_READERS[name](render(card, name))
    if name == "json":
        assert found == shown
    else:
        assert found == f"Scorecard: {card.plan.title} · reporting period {shown}"


@pytest.mark.parametrize("name", list(TITLE_READERS))
def test_a_scorecard_for_no_period_says_none(name: str) -> None:
    plan = Plan.assemble(commune="Ixelles", year=None, sectors=[])
    card = score(plan, [])
    assert card.period is None
    found = TITLE_READERS[name](render(card, name))
    if name == "json":
        assert found is None
    else:
        assert found == "Scorecard: Ixelles"


def test_text_has_warnings_in_yellow_when_asked() -> None:
    card = warned()
    coloured = to_text(card, color=True)
    for _, warning in card.warnings():
        assert f"{YELLOW}⚠ {warning}{RESET}" in coloured  # beside its indicator
        assert f": {YELLOW}{warning}{RESET}" in coloured  # in the list
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == to_text(card)


def test_the_summary_line_counts_the_warnings_when_there_are_some() -> None:
    card = warned()
    count = len(card.warnings())
    assert summary_line(card).endswith(f" invalid row, {count} warnings>")
    assert "warning" not in summary_line(example())


def test_text_has_colour_only_when_asked() -> None:
    card = example()
    assert "\x1b[" not in to_text(card)
    coloured = to_text(card, color=True)
    assert "\x1b[32m● met" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == to_text(card)


def test_text_skips_the_branches_without_indicators() -> None:
    text = to_text(example())
    assert "s1.og1  " not in text  # below a sector without indicators
    assert "  s1  Contribution au fonctionnement des zones de police\n    no indicators" in text


# ---------------------------------------------------------------- Markdown's hierarchy

_HEADING = re.compile(r"(#{1,6}) (.*)")  # a CommonMark ATX heading, as we write them


def headings(report: str) -> Iterator[tuple[int, str, str]]:
    """(level, id, label) of every heading of a node (not the title, not invalid rows)."""
    for line in report.splitlines():
        found = _HEADING.fullmatch(line)
        if found and len(found[1]) > 1 and not found[2].startswith(("Warnings", "Invalid rows")):
            ident, label = found[2].split(" · ", 1)
            yield len(found[1]), ident, re.sub(r"\\(.)", r"\1", label)


def test_markdown_nests_sectors_objectives_and_indicators_as_headings_and_tables() -> None:
    card = example()
    plan = card.plan
    report = to_markdown(card)
    assert not re.search(r"^(?:#{7}|[ \t\u00a0]+\S)", report, flags=re.M)  # no indenting
    open_at: dict[int, str] = {}  # the id of the heading open at each level
    shown_nodes, shown_indicators = [], []
    for line in report.splitlines():
        heading = _HEADING.fullmatch(line)
        if heading and len(heading[1]) == 1:
            continue  # the title
        if heading and heading[2].startswith(("Warnings", "Invalid rows")):
            break
        if heading:
            level, ident = len(heading[1]), heading[2].split(" · ")[0]
            parents = plan.parents(ident)
            assert level == len(parents) + 2, line  # sectors are ## … operational objectives ######
            assert (parents[-1].id if parents else None) == open_at.get(level - 1), line
            open_at = {k: v for k, v in open_at.items() if k < level} | {level: ident}
            shown_nodes.append(ident)
        elif line.startswith("| ") and not line.startswith(("| Status", "| ---")):
            ident = markdown_cells(line)[1]
            # An indicator's row follows the heading of its operational objective.
            assert max(open_at) == 6
            assert plan.parents(ident)[-1].id == open_at[6]
            shown_indicators.append(ident)
    assert shown_indicators == [i.id for i in plan.indicators()]
    # Every node is shown but those below a node without indicators.
    kept = [
        node.id
        for node in plan.walk()
        if node.kind not in ("indicator", "expected_result")
        and all(card.rollup(p.id).total for p in plan.parents(node.id))
    ]
    assert shown_nodes == kept
    assert len(kept) < len(card.rollups) - 1  # the example has empty branches
    labels = {r.id: _flat(r.label) for r in card.rollups}
    assert all(labels[i] == label for _, i, label in headings(report))


# ---------------------------------------------------------------- HTML, CSV, JSON


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


_OUR_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "h1", "h2", "p", "span",
    "section", "details", "summary", "table", "tr", "th", "td", "br", "small", "ul", "li",
}  # fmt: skip
_OUR_ATTRIBUTES = {"class", "style", "title", "lang", "charset", "name", "content", "open"}


def parse_html(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    for tag, attributes in parser.tags:
        assert tag in _OUR_TAGS, tag
        for name, value in attributes:
            assert name in _OUR_ATTRIBUTES, name
            if name == "style":
                assert re.fullmatch(r"width:[0-9.]+%", value or ""), value
    return parser


def test_html_is_one_self_contained_page() -> None:
    card = example()
    page = to_html(card)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "http" not in page
    parsed = parse_html(page)
    assert sum(1 for tag, _ in parsed.tags if tag == "details") == len(card.rollups) - 1
    bars = re.findall(r'<span class="bar"><span style="width:([0-9.]+)%"></span></span>', page)
    assert bars
    assert all(0 <= float(width) <= 100 for width in bars)


def test_notebooks_show_scorecards_and_plans() -> None:
    card = example()
    fragment = card._repr_html_()
    assert fragment.startswith('<div class="cssi">')
    assert "<html" not in fragment
    assert read_html(fragment) == read_html(to_html(card))
    plan_fragment = plan_to_html(card.plan)
    parse_html(plan_fragment)
    for indicator in card.plan.indicators():
        assert f'<span class="id">{indicator.id}</span>' in plan_fragment
    assert "<html" in plan_to_html(card.plan, page=True)


def test_csv_is_one_table_in_document_order() -> None:
    card = example()
    rows = list(csv.DictReader(io.StringIO(to_csv(card))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    order = [("node", "")] + [
        ("indicator" if node.kind == "indicator" else "node", node.id)
        for node in card.plan.walk()
        if node.kind != "expected_result"
    ]
    order += [("invalid row", "")] * len(card.problems)
    assert [(row["record"], row["id"]) for row in rows] == order
    for row in rows:
        if row["record"] == "indicator":
            result = card.result(row["id"])
            assert row["status"] == result.status.value
            if result.achievement is None:
                assert row["achievement"] == ""
            else:
                assert float(row["achievement"]) == result.achievement


def test_json_is_valid_against_its_schema() -> None:
    card = example()
    document = json.loads(to_json(card))
    jsonschema.validate(document, SCHEMA)
    assert [i["id"] for i in document["indicators"]] == [r.id for r in card]
    assert [n["id"] for n in document["nodes"]] == [r.id for r in card.rollups]


def test_render_refuses_unknown_formats() -> None:
    with pytest.raises(ci.ConfigurationError, match="unknown report format 'pdf'"):
        render(example(), "pdf")


# ---------------------------------------------------------------- one line for repr


def test_the_summary_line_counts_indicators_by_status_and_the_invalid_rows() -> None:
    card = example()
    line = summary_line(card)
    assert "\n" not in line
    assert len(line) < 200
    found = re.fullmatch(r"<Scorecard '(.*)': (\d+) indicators \((.*)\), (\d+) invalid rows>", line)
    assert found, line
    assert found[1] == card.plan.title
    assert int(found[2]) == len(card.results)
    shown = {}
    for count in found[3].split(", "):
        number, status = count.split(" ", 1)
        shown[status] = int(number)
    assert shown == Counter(r.status.value for r in card)
    assert int(found[4]) == len(card.problems)


def test_the_summary_line_stays_short_for_long_titles() -> None:
    plan = Plan.assemble(commune="Commune\n" * 40, year=2023, sectors=[])
    line = summary_line(score(plan, []))
    assert "\n" not in line
    assert line.startswith("<Scorecard 'Commune Commune")
    assert line.endswith("…': 0 indicators, 0 invalid rows>")
    assert len(line) < 120


# ---------------------------------------------------------------- hostile texts

_HOSTILE = st.one_of(
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            '=HYPERLINK("http://evil","x")',
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "a | b | c",
            "**bold** _it_ `code` [l](http://x)",
            "# heading",
            "line\nbreak\rreturn\ttab",
            "\x1b[31mred\x1b[0m",
            "&amp; &lt;",
            "a\\|b\\",
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        min_size=1,
        max_size=20,
    ),
)


def hostile_plan(texts: list[str]) -> Plan:
    t = itertools.cycle(texts)
    target_texts = ["≥ 12 par an", "Oui/Non", "≥ 70 %"]
    indicators = [
        Indicator(label=next(t), target_text=text, target=ci.parse_target(text))
        for text in target_texts
    ]
    return Plan.assemble(
        commune=next(t),
        year=2023,
        sectors=[
            Sector(number=2, title=next(t), objectives=(
                GeneralObjective(number=1, title=next(t), objectives=(
                    StrategicObjective(number=1, title=next(t), blocks=(
                        ServiceBlock(service=next(t), objectives=(
                            OperationalObjective(number=1, text=next(t), indicators=tuple(indicators)),
                        )),
                    )),
                )),
            )),
        ],
    )  # fmt: skip


def _flat(text: str) -> str:
    return visible(text)  # one line, control characters as escapes


@given(
    texts=st.lists(_HOSTILE, min_size=1, max_size=6),
    values=st.lists(_HOSTILE, min_size=1, max_size=4),
    notes=st.lists(st.one_of(st.just(""), st.just("  "), _HOSTILE), min_size=1, max_size=4),
)
def test_hostile_labels_and_values_stay_inert_in_every_format(
    texts: list[str], values: list[str], notes: list[str]
) -> None:
    plan = hostile_plan(texts)
    ids = [i.id for i in plan.indicators()]
    measurements = [
        ci.Measurement(value=v, period="2023", indicator=ids[k % 3], note=n)
        for k, (v, n) in enumerate(zip(values, itertools.cycle(notes)))
    ]
    measurements += [ci.Measurement(value=1, period="2023", indicator=v) for v in values]
    card = with_warnings(score(plan, measurements), texts)
    labels = [r.label for r in card.rollups] + [r.label for r in card]
    warnings = [w for r in card for w in r.warnings]

    for name, reader in READERS.items():
        statuses, problems = reader(render(card, name))
        assert statuses == {r.id: r.status.value for r in card}, name
        flat = name in ("text", "markdown")  # one line a row: line breaks become escapes
        assert problems == [
            (p.source, p.line, shown_raw(p), _flat(p.reason) if flat else p.reason)
            for p in card.problems
        ], name

    # data, not one line a row: texts as they are (CSV joins an indicator's warnings)
    assert WARNING_READERS["csv"](render(card, "csv"))[0] == {
        r.id: tuple("; ".join(r.warnings).split("; ")) for r in card if r.warnings
    }
    assert WARNING_READERS["json"](render(card, "json"))[0] == {
        r.id: r.warnings for r in card if r.warnings
    }

    page = to_html(card)
    shown = "".join(parse_html(page).text)
    for text in labels + [p.reason for p in card.problems] + warnings:
        assert text in shown
    parse_html(plan_to_html(plan))

    rows = list(csv.reader(io.StringIO(to_csv(card))))
    assert len(rows) == 1 + len(card.rollups) + len(card.results) + len(card.problems)
    for row in rows:
        assert len(row) == len(CSV_COLUMNS)
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))

    document = json.loads(to_json(card))
    jsonschema.validate(document, SCHEMA)
    assert [n["label"] for n in document["nodes"]] == [r.label for r in card.rollups]

    cells = None  # the number of cell separators of the current table
    for line in to_markdown(card).splitlines():
        plain = re.sub(r"\\.", "", line)  # what is left once escapes are taken out
        assert not set(plain) & set("<>`[]*_&\r\x1b"), line
        if line.startswith("#"):
            assert re.fullmatch(r"#{1,6} [^#]*", plain), line  # one heading, no more marks
        if not line.startswith("| "):
            cells = None
        elif cells is None:
            cells = plain.count("|")  # a table's header
        else:
            assert plain.count("|") == cells, line

    text = to_text(card)
    # No character that acts on a terminal: control characters (but the layout's line
    # breaks), bidirectional controls, separators, lone surrogates.
    assert UNSAFE.search(text.replace("\n", "")) is None
    for warning in warnings:
        assert f"⚠ {_flat(warning)}" in text
        assert f"⚠ {_flat(warning).translate(_MARKDOWN_SPECIAL)}" in to_markdown(card)


_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>&|~#"})


def with_warnings(card: Scorecard, texts: list[str]) -> Scorecard:
    """``card`` with the ``texts`` as warnings of each indicator, counted in roll-ups."""
    results = tuple(attrs.evolve(r, warnings=tuple(texts)) for r in card)
    below = {
        rollup.id: sum(
            1 for r in results if rollup.id in ("", *(p.id for p in card.plan.parents(r.id)))
        )
        for rollup in card.rollups
    }
    rollups = tuple(attrs.evolve(r, warnings=below[r.id] * len(texts)) for r in card.rollups)
    return attrs.evolve(card, results=results, rollups=rollups)
