"""The README's "From Python" code, run as printed: DuckDB's Python API opens the store
read-only, pyarrow.dataset reads the lake with Hive partitioning; both checked against pystats."""
import csv
import io
import re
from decimal import Decimal

import duckdb

from conftest import PAST_2_53, U64_MAX, pystats, readme_block, trend_csv


def run_readme_python(readme: str, store, lake) -> dict:
    code = readme_block(readme, "## From Python", "python")
    code = code.replace('STORE = "data/pystats.duckdb"', f"STORE = {str(store)!r}", 1).replace('LAKE = "lake"', f"LAKE = {str(lake)!r}", 1)
    namespace: dict = {}
    exec(compile(code, "README.md (From Python)", "exec"), namespace)
    return namespace


def test_the_store_opens_read_only_and_the_readme_sql_runs_there(readme, store, lake):
    got = run_readme_python(readme, store, lake)["load_attr_hits"]
    # The query is the README's store example, word for word.
    [sql] = re.findall(r'main\.js sql "(.*?)"', readme, re.S)
    assert " ".join(sql.split()) in " ".join(readme_block(readme, "## From Python", "python").split())
    printed = list(csv.reader(io.StringIO(pystats("sql", sql, "--db", str(store), "--format", "csv"))))
    assert printed[0] == ["commit_date", "value"]
    assert len(got) > 10
    # The same rows (NULL is csv's empty field); the query orders by date only, so rows of
    # one date may come in any order.
    assert sorted(("" if d is None else d, str(v)) for d, v in got) == sorted(tuple(r) for r in printed[1:])
    assert [d or "" for d, _ in got] == [r[0] for r in printed[1:]]
    # Read-only: the store cannot be changed through this connection.
    with duckdb.connect(str(store), read_only=True) as con:
        try:
            con.sql("DELETE FROM run_records")
            assert False, "a read-only connection wrote"
        except duckdb.InvalidInputException as e:
            assert "read-only" in str(e)


def test_pyarrow_reads_the_lake_to_the_exact_trend(readme, store, lake):
    namespace = run_readme_python(readme, store, lake)
    got = namespace["trend"]
    frame = namespace["frame"]
    assert list(zip(frame["commit_date"], frame["value_sum"])) == got
    rows = [(d[:10], v) for d, v in got]
    assert all(isinstance(v, Decimal) for _, v in rows)
    assert rows == trend_csv(readme, lake)
    assert any(PAST_2_53 < v < 2**64 for d, v in rows if d == "2025-06-02")
    assert any(v > 2 * U64_MAX for d, v in rows if d == "2025-07-03")
