"""The sample's store and lake, with exact counters past 2^53 and 2^64, for the engine tests.

The store holds the bundled sample (what `make run` ingests) and two more runs of python's
default build, each a raw directory made from a real raw file of the sample with one
counter raised: one run's `opcode[…].execution_count` sum passes 2^53 (a DOUBLE would
round it), the other's passes 2^64 (the lake writes it to `value_wide`).
"""
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "dist" / "cli" / "main.js"
SAMPLE = [ROOT / "data" / "raw" / "raw-multi-coroutines", ROOT / "data" / "bench_runner"]
REAL_RAW_FILE = ROOT / "data" / "raw" / "raw-multi-coroutines" / "0e2665408fa8cc57aa35ed6967a1aa097fb1e3fc.txt"

PAST_2_53 = 2**53 + 1
U64_MAX = 2**64 - 1
# The raised runs: (commit date, copies of the raised file, the raised value).
RAISED_RUNS = [("2025-06-02T10:00:00+00:00", 1, PAST_2_53), ("2025-07-03T10:00:00+00:00", 2, U64_MAX)]


def pystats(*args: str) -> str:
    """Runs the built CLI; fails the test with its stderr when it fails."""
    r = subprocess.run(["node", str(CLI), *args], capture_output=True, text=True, env={**os.environ, "TZ": "UTC"})
    if r.returncode != 0:
        raise AssertionError(f"pystats {' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r.stdout


def raised_copy(dest: Path, value: int) -> None:
    """The real raw file with its first execution count set to value."""
    text = REAL_RAW_FILE.read_text()
    raised, n = re.subn(r"(opcode\[[A-Z_]+\]\.execution_count : )\d+", lambda m: m.group(1) + str(value), text, count=1)
    assert n == 1
    dest.write_text(raised)


def ingest_raised_run(db: Path, base: Path, i: int) -> None:
    """Adds RAISED_RUNS[i] to the store db, its raw directory made under base."""
    date, copies, value = RAISED_RUNS[i]
    run_dir = base / f"raised-{i}"
    run_dir.mkdir()
    for c in range(copies):
        raised_copy(run_dir / f"{c}.txt", value)
    pystats("ingest", str(run_dir), "--db", str(db), "--quiet", "--fork", "python", "--commit-date", date,
            "--commit", f"{i + 1:07x}", "--python-version", "3.14.0a1+", "--machine", "x86_64", "--benchmark", "all")


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("pystats-engines")
    db = base / "store.duckdb"
    pystats("ingest", *map(str, SAMPLE), "--db", str(db), "--quiet")
    for i in range(len(RAISED_RUNS)):
        ingest_raised_run(db, base, i)
    return db


@pytest.fixture(scope="session")
def lake(store: Path) -> Path:
    out = store.parent / "lake"
    pystats("lake", "export", "--db", str(store), "--out", str(out))
    return out


@pytest.fixture(scope="session")
def readme() -> str:
    return (ROOT / "README.md").read_text()


def readme_block(readme: str, marker: str, lang: str = "sql") -> str:
    """The first ```lang block after the line holding marker."""
    start = readme.index(marker)
    m = re.compile(r"```" + lang + r"\n(.*?)```", re.S).search(readme, start)
    assert m, f"no {lang} block after {marker!r}"
    return m.group(1)


def statements(sql: str) -> list:
    """SQL text split into its statements (none of the README's holds a ';' in a string)."""
    return [s.strip() for s in re.split(r";\s*$", sql, flags=re.M) if s.strip()]


def trend_csv(readme: str, lake: Path) -> list:
    """(date, exact value) of the README's `pystats trend` command over the lake, as --format csv prints them."""
    command = re.search(r"```sh\n(pystats trend [^\n]*)\n```", readme).group(1).split(" ")[1:]
    args = [str(lake) if i > 0 and command[i - 1] == "--lake" else ("" if a == "''" else a) for i, a in enumerate(command)]
    lines = pystats(*args, "--format", "csv").strip().split("\n")
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    return [(r[header.index("date")], Decimal(r[header.index("value")])) for r in rows]
