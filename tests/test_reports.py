"""Reports: every format shows the scores and the invalid rows, and hostile text stays inert."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
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
from cssindicators.scoring import Scorecard, example_files, score


def example() -> Scorecard:
    plan_path, data_path = example_files()
    return score(read_plan(plan_path), data_path)


# ---------------------------------------------------------------- every format


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_lists_the_invalid_rows(name: str) -> None:
    card = example()
    output = render(card, name)
    assert card.problems
    for problem in card.problems:
        assert problem.reason.split("'")[0] in output
        assert str(problem.line) in output
        value = dict(problem.raw)["value"]
        assert value in output
    assert card.sources[0] in output


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_shows_every_indicator_and_its_status(name: str) -> None:
    card = example()
    output = render(card, name)
    for result in card:
        assert result.id in output
    for status in ci.Status:
        assert status.value in output


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
    page = to_html(example())
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "http" not in page
    parsed = parse_html(page)
    assert sum(1 for tag, _ in parsed.tags if tag == "details") == len(example().rollups) - 1
    assert 'class="light met"' in page
    assert 'class="bar"' in page


def test_notebooks_show_scorecards_and_plans() -> None:
    card = example()
    fragment = card._repr_html_()
    assert fragment.startswith('<div class="cssi">')
    assert "<html" not in fragment
    plan_fragment = plan_to_html(card.plan)
    parse_html(plan_fragment)
    for indicator in card.plan.indicators():
        assert indicator.id in plan_fragment
    assert "<html" in plan_to_html(card.plan, page=True)


def test_csv_is_one_table_for_other_tools() -> None:
    card = example()
    rows = list(csv.DictReader(io.StringIO(to_csv(card))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    kinds = [row["record"] for row in rows]
    assert kinds.count("node") == len(card.rollups)
    assert kinds.count("indicator") == len(card.results)
    assert kinds.count("invalid row") == len(card.problems)
    negative = next(
        row for row in rows if row["reason"].startswith("a measured value cannot be negative")
    )
    assert "value='-5'" in negative["raw"]
    met = next(row for row in rows if row["record"] == "indicator" and row["status"] == "met")
    assert float(met["achievement"]) >= 1.0


def test_json_is_valid_against_its_schema() -> None:
    card = example()
    document = json.loads(to_json(card))
    jsonschema.validate(document, SCHEMA)
    assert [i["id"] for i in document["indicators"]] == [r.id for r in card]
    assert document["problems"][0]["raw"]["indicator"] == card.problems[0].indicator


def test_render_refuses_unknown_formats() -> None:
    with pytest.raises(ci.ConfigurationError, match="unknown report format 'pdf'"):
        render(example(), "pdf")


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
            "line\nbreak\rreturn\ttab",
            "\x1b[31mred\x1b[0m",
            "&amp; &lt;",
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


@given(
    texts=st.lists(_HOSTILE, min_size=1, max_size=6),
    values=st.lists(_HOSTILE, min_size=1, max_size=4),
)
def test_hostile_labels_and_values_stay_inert_in_every_format(
    texts: list[str], values: list[str]
) -> None:
    plan = hostile_plan(texts)
    ids = [i.id for i in plan.indicators()]
    measurements = [
        ci.Measurement(value=v, period="2023", indicator=ids[k % 3], note=v)
        for k, v in enumerate(values)
    ]
    measurements += [ci.Measurement(value=1, period="2023", indicator=v) for v in values]
    card = score(plan, measurements)
    labels = [r.label for r in card.rollups] + [r.label for r in card]
    raw_values = [text for p in card.problems for _, text in p.raw]

    page = to_html(card)
    parsed = parse_html(page)
    shown = "".join(parsed.text)
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
    assert [list(p["raw"].values()) for p in document["problems"]] == [
        [t for _, t in p.raw] for p in card.problems
    ]
    assert raw_values == [t for p in document["problems"] for t in p["raw"].values()]

    cells = None  # the number of cell separators of the current table
    for line in to_markdown(card).splitlines():
        plain = re.sub(r"\\.", "", line)  # what is left once escapes are taken out
        assert not set(plain) & set("<>`[]*_&\r\x1b"), line
        if not line.startswith("| "):
            cells = None
        elif cells is None:
            cells = plain.count("|")  # a table's header
        else:
            assert plain.count("|") == cells, line

    text = to_text(card)
    assert all(c == "\n" or c.isprintable() for c in text)


@pytest.mark.parametrize(
    "name",
    [
        "cssindicators.measurements",
        "cssindicators.scoring",
        "cssindicators._bulk",
        "cssindicators.reports",
        "cssindicators.reports._common",
        "cssindicators.reports._html",
        "cssindicators.reports._tabular",
        "cssindicators.reports._text",
    ],
)
def test_docstring_examples_run_without_a_ci_given_to_them(name: str) -> None:
    import doctest
    import importlib

    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    assert doctest.testmod(module, optionflags=flags, report=False).failed == 0


def test_every_report_shows_raw_values_the_same_way() -> None:
    card = score(
        read_plan(example_files()[0]),
        [ci.Measurement(value="x", period="2023", indicator="s9.i1", note="")],
    )
    shown = "indicator='s9.i1'; value='x'; period='2023'"
    assert shown in render(card, "text")
    assert "indicator=&#x27;s9.i1&#x27;<br>value=&#x27;x&#x27;" in render(card, "html")
