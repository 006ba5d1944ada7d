"""Plan files as Belgian offices save them: UTF-8 with or without a byte-order mark,
UTF-16 with its byte-order mark, Windows-1252 or Latin-1, Windows line ends. Each reads
to the plan its UTF-8 text gives, plus an info naming the encoding; a file that is not
text is a PlanError, never a UnicodeDecodeError."""

from __future__ import annotations

import codecs
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cssindicators.errors import PlanError
from cssindicators.plan import Diagnostic, Plan, Severity
from cssindicators.reading import parse_plan, read_plan

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "molenbeek-2023" / "plan.txt"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
# A plan with an error after accented letters: its column counts characters, not bytes.
BROKEN = (
    "CONTRAT DE SÉCURITÉ ET DE SOCIÉTÉ PLAN DE PROJET 2023 DE LA VILLE/COMMUNE D'Ixelles\n"
    "Secteur d'activité 2 : Lutte contre la criminalité\n"
    "Objectif général 1 - Secteur d'activité 2 :\nPrévention\n"
    "Objectif stratégique 1 - Domaine : Réaction\n"
    "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
    "1. Écouter\t- Constats élargis\t- Nombre de réunions élargies : beaucoup\n"
    "2. Sécuriser\t- Événements\t- Nombre d'évènements sécurisés : ≥ 10 par an\n"
)


def _windows_1252(text: str) -> str:
    """``text`` as a Windows-1252 export holds it: "≥" is not in the code page."""
    return text.replace("≥", ">=")


def _latin_1(text: str) -> str:
    """``text`` as a Latin-1 export holds it: neither "≥" nor "œ" are in it."""
    return _windows_1252(text).replace("œ", "oe")


INFO_1252 = "read as Windows-1252 (not UTF-8)"
#: name, how the text is written, its bytes, the info that names the encoding
ENCODINGS: list[tuple[str, Callable[[str], str], Callable[[str], bytes], str]] = [
    ("utf-8-bom", str, lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
     "read as UTF-8 with a byte-order mark"),
    ("utf-16-le", str, lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
     "read as UTF-16 little-endian (from its byte-order mark)"),
    ("utf-16-be", str, lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
     "read as UTF-16 big-endian (from its byte-order mark)"),
    ("windows-1252", _windows_1252, lambda t: t.encode("cp1252"),
     "read as Windows-1252 (not UTF-8)"),
    ("latin-1", _latin_1, lambda t: t.encode("latin-1"), "read as Windows-1252 (not UTF-8)"),
]  # fmt: skip


def _document(plan: Plan) -> dict[str, Any]:
    """The plan's JSON document, without the file it came from."""
    document: dict[str, Any] = json.loads(plan.to_json())
    document.pop("source")
    return document


def _write(folder: Path, data: bytes, name: str = "plan.txt") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("text", [EXAMPLE_TEXT, BROKEN], ids=["example", "broken"])
@pytest.mark.parametrize(
    ("name", "written", "encode", "info"), ENCODINGS, ids=[e[0] for e in ENCODINGS]
)
def test_a_plan_in_any_encoding_reads_as_its_utf8_text_plus_an_info(
    tmp_path: Path,
    name: str,
    written: Callable[[str], str],
    encode: Callable[[str], bytes],
    info: str,
    text: str,
    newline: str,
) -> None:
    text = written(text).replace("\n", newline)
    expected = read_plan(_write(tmp_path, text.encode("utf-8"), "utf8.txt"))
    assert not any("read as" in d.message for d in expected.diagnostics)
    plan = read_plan(_write(tmp_path, encode(text)))
    assert plan.source == str(tmp_path / "plan.txt")
    assert plan.diagnostics == (Diagnostic(Severity.INFO, 1, 1, info), *expected.diagnostics)
    document = _document(expected)
    document["diagnostics"].insert(0, {"severity": "info", "line": 1, "column": 1, "message": info})
    assert _document(plan) == document


def test_the_encodings_keep_the_example_as_it_is() -> None:
    # the example's own file is plain UTF-8: no info; its targets survive each code page
    plan = read_plan(EXAMPLE)
    assert not any("read as" in d.message for d in plan.diagnostics)
    for written in (_windows_1252, _latin_1):
        again = parse_plan(written(EXAMPLE_TEXT))
        assert [str(i.target) for i in again.indicators()] == [
            str(i.target) for i in plan.indicators()
        ]


def test_a_broken_target_is_reported_at_the_same_column_in_every_encoding(
    tmp_path: Path,
) -> None:
    line = BROKEN.split("\n")[6]
    column = line.index("beaucoup") + 1
    for name, written, encode, _ in ENCODINGS:
        plan = read_plan(_write(tmp_path, encode(written(BROKEN)), f"{name}.txt"))
        assert [(d.line, d.column) for d in plan.errors] == [(7, column)], name


def test_lines_appended_in_another_encoding_are_each_read_in_theirs(tmp_path: Path) -> None:
    # a UTF-8 plan to which a tool appended rows in the Windows code page
    head = EXAMPLE_TEXT.rstrip("\n").encode("utf-8") + b"\n"
    tail = "Secteur d'activité 4 : Sécurité routière\n(Également à l'école)\n"
    plan = read_plan(_write(tmp_path, head + tail.encode("cp1252")))
    count = EXAMPLE_TEXT.rstrip("\n").count("\n") + 1
    assert (plan.node("s4").heading, plan.sectors[-1].note) == (
        "Sécurité routière",
        "Également à l'école",
    )
    assert plan.sectors[0].title == "Contribution au fonctionnement des zones de police"
    notes = [d for d in plan.diagnostics if "read as" in d.message]
    assert notes == [
        Diagnostic(
            Severity.INFO,
            count + 1,
            1,
            f"lines {count + 1}, {count + 2} read as Windows-1252 (not UTF-8), the others as UTF-8",
        )
    ]


def test_bytes_that_windows_1252_leaves_undefined_are_a_warning_where_they_are(
    tmp_path: Path,
) -> None:
    data = "Secteur d'activité 1 : Sécurité\n".encode("cp1252")
    plan = read_plan(_write(tmp_path, data + b"Secteur d'activit\xe9 2 : Pr\x81vention\n"))
    assert plan.sectors[1].title == "Pr\ufffdvention"
    assert plan.diagnostics == (
        Diagnostic(Severity.INFO, 1, 1, INFO_1252),
        Diagnostic(
            Severity.WARNING,
            2,
            26,
            "bytes neither UTF-8 nor Windows-1252 replaced by '\ufffd' on this line",
        ),
    )


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>Secteur d'activité 1</w:document>")
    return buffer.getvalue()


SAVE = "a plan is read from its text export: save it as text (.txt), in UTF-8"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_docx(), f"not a text file (a .docx, .xlsx or other zip archive): {SAVE}"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", f"not a text file (a PDF document): {SAVE}"),
        (EXAMPLE_TEXT.encode("utf-16-le"),
         f"not a text file (UTF-16 without its byte-order mark, not read): {SAVE}"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         f"not a text file (line 2, column 1 holds the control code U+001A): {SAVE}"),
        (b"Secteur d'activit\xe9 1\nPolice\x00\x00",
         f"not a text file (line 2, column 7 holds the control code U+0000): {SAVE}"),
        (codecs.BOM_UTF16_LE + "Secteur".encode("utf-16-le") + b"\x00",
         "not UTF-16 text, though it starts with a UTF-16 byte-order mark: truncated data at "
         "byte 16"),
        (codecs.BOM_UTF16_BE + b"\xdc\x00",
         "not UTF-16 text, though it starts with a UTF-16 byte-order mark: illegal encoding "
         "at byte 2"),
    ],
    ids=["docx", "pdf", "utf-16-without-mark", "png", "nul", "truncated-utf-16", "bad-utf-16"],
)  # fmt: skip
def test_a_file_that_is_not_text_is_a_plan_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(PlanError) as raised:
        read_plan(path)
    assert str(raised.value) == f"{path}: {message}"
    assert not isinstance(raised.value.__cause__, UnicodeDecodeError)


@given(st.binary(max_size=300))
def test_any_bytes_read_as_a_plan_or_raise_a_plan_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), data)
        try:
            plan = read_plan(path)
        except PlanError as error:
            assert str(error).startswith(f"{path}: not ")
        else:
            assert isinstance(plan, Plan)
            # a plan read is a plan of the text that was decoded
            assert plan.source == str(path)


@given(
    st.text(
        st.characters(codec="cp1252", exclude_categories=["Cc"], include_characters="\n\t"),
        max_size=200,
    )
)
def test_any_windows_1252_text_reads_as_its_utf8_self(text: str) -> None:
    data = text.encode("cp1252")
    # a line whose bytes are UTF-8 too ("Ã©" is "é" in UTF-8) is read as UTF-8: no plan
    # holds such mojibake
    assume(not any(not line.isascii() and _is_utf8(line) for line in data.split(b"\n")))
    with tempfile.TemporaryDirectory() as folder:
        legacy = read_plan(_write(Path(folder), data))
        utf8 = read_plan(_write(Path(folder), text.encode("utf-8"), "utf8.txt"))
    notes = () if text.isascii() else (Diagnostic(Severity.INFO, 1, 1, INFO_1252),)
    assert legacy.diagnostics == (*notes, *utf8.diagnostics)
    assert _document(legacy)["sectors"] == _document(utf8)["sectors"]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
