"""Reading a 100 000-row workbook: ``read_measurements`` against ``pandas.read_excel``.

    python benchmarks/xlsx.py            # 100 000 rows
    python benchmarks/xlsx.py --rows 20000

Builds one workbook (title rows, a header, numbers, text numbers, booleans, dates
formatted as months and as days, units and notes), then prints the median time of each
way of reading it, and its ratio to ``pandas.read_excel`` (the goal: 1× or less). The
readers alone (openpyxl read-only, python-calamine) are timed too: they are what the
choice of reader rests on. It reports; it never fails.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cssindicators as ci


def build(path: Path, rows: int) -> None:
    """A workbook of ``rows`` measurements, written by openpyxl."""
    import openpyxl  # type: ignore[import-untyped]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Mesures")
    sheet.append(["Mesures 2023"])
    sheet.append([])
    sheet.append(["indicateur", "valeur", "période", "unité", "remarque"])
    for i in range(rows):
        period: Any = f"2023-Q{1 + i % 4}"
        if i % 4 == 0:
            period = WriteOnlyCell(sheet, value=datetime.date(2023, 1 + i % 12, 1))
            period.number_format = "mmm-yy"
        elif i % 4 == 1:
            period = WriteOnlyCell(sheet, value=datetime.date(2023, 3, 15))
            period.number_format = "dd/mm/yyyy"
        value = [i, i + 0.5, "1.250", True][i % 4]
        unit = "heures" if i % 3 else None
        note = f"note {i}" if i % 7 == 0 else None
        sheet.append([f"s1.og1.os1.t1.oo1.i{i % 50}", value, period, unit, note])
    book.save(path)


def median_time(function: Callable[[], object], rounds: int) -> float:
    function()  # warm-up: imports, caches
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import openpyxl
    import pandas
    import python_calamine

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "mesures.xlsx")
        build(path, args.rows)
        size = path.stat().st_size

        def ours() -> object:
            return ci.read_measurements(path)

        def pandas_default() -> object:
            with warnings.catch_warnings():  # pandas warns that its default engine will change
                warnings.simplefilter("ignore")
                return pandas.read_excel(path, header=2)

        def pandas_openpyxl() -> object:
            return pandas.read_excel(path, header=2, engine="openpyxl")

        def pandas_calamine() -> object:
            return pandas.read_excel(path, header=2, engine="calamine")

        def openpyxl_rows() -> object:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
            book.close()
            return count

        def openpyxl_cells() -> object:  # with each date cell's number format
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            count = 0
            for row in book.worksheets[0].iter_rows():
                count += sum(1 for cell in row if cell.is_date and cell.number_format)
            book.close()
            return count

        def calamine_rows() -> object:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            return len(book.get_sheet_by_index(0).to_python(skip_empty_area=False))

        data = ours()
        assert isinstance(data, ci.MeasurementFile)
        print(
            f"{args.rows} rows, {size / 1e6:.1f} MB; read: {len(data.rows)} rows, "
            f"{len(data.problems)} problems"
        )
        baseline = median_time(pandas_default, args.rounds)
        print(f"{'reader':48} {'seconds':>8} {'× pandas.read_excel':>20}")
        for name, function in [
            ("read_measurements (calamine + XML scan)", ours),
            ("pandas.read_excel (default engine)", None),
            ("pandas.read_excel engine=openpyxl", pandas_openpyxl),
            ("pandas.read_excel engine=calamine", pandas_calamine),
            ("openpyxl read-only, values_only iter_rows", openpyxl_rows),
            ("openpyxl read-only, cells + number_format", openpyxl_cells),
            ("python-calamine to_python", calamine_rows),
        ]:
            seconds = baseline if function is None else median_time(function, args.rounds)
            print(f"{name:48} {seconds:8.3f} {seconds / baseline:19.2f}×")
        print("goal: read_measurements ≤ 1× pandas.read_excel")


if __name__ == "__main__":
    main()
