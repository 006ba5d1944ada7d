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

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
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
    """Every table row of a page: its ``class`` and its cells (each a list of the texts
    between ``<br>``), and whether it is in the section of invalid rows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, bool, list[list[str]]]] = []
        self.in_problems = False
        self.in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.in_problems = ("class", "problems") in attrs
        elif tag == "tr":
            self.rows.append((dict(attrs).get("class") or "", self.in_problems, []))
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
    for kind, in_problems, cells in parser.rows:
        if in_problems and cells:
            source, line, raw, reason = ("; ".join(c) for c in cells)
            problems.append((source, int(line), raw, reason))
        elif kind:  # an indicator: the class of its status
            status, (indicator, _label), *_ = cells
            assert kind == status[0].replace(" ", "-")
            statuses[indicator] = status[0]
    return statuses, problems


def _uncell(text: str) -> str:
    """A CSV cell's text without the quote that keeps spreadsheets from running it."""
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


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
        if found and len(found[1]) > 1 and not found[2].startswith("Invalid rows"):
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
        if heading and heading[2].startswith("Invalid rows"):
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
    return "".join(c if c.isprintable() else " " for c in text)


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
    card = score(plan, measurements)
    labels = [r.label for r in card.rollups] + [r.label for r in card]

    for name, reader in READERS.items():
        statuses, problems = reader(render(card, name))
        assert statuses == {r.id: r.status.value for r in card}, name
        flat = name in ("text", "markdown")  # one line a row: line breaks become spaces
        assert problems == [
            (p.source, p.line, shown_raw(p), _flat(p.reason) if flat else p.reason)
            for p in card.problems
        ], name

    page = to_html(card)
    shown = "".join(parse_html(page).text)
    for text in labels + [p.reason for p in card.problems]:
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
    assert all(c == "\n" or c.isprintable() for c in text)
