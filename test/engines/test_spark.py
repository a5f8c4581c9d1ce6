"""Apache Spark (local mode) reads the lake with the README's statements as printed there.

The README's Spark setup block and its trend query are taken from README.md; only the
lake's path placeholder is replaced. The query's rows must be what `pystats trend
--format csv` prints, exact counters included (a sum past 2^53 and one past 2^64).
"""
import glob
import os
import re
from decimal import Decimal

import pytest
from pyspark.sql import SparkSession

from conftest import PAST_2_53, U64_MAX, ingest_raised_run, pystats, readme_block, statements, trend_csv

PLACEHOLDER = "s3://bucket/lake"


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    warehouse = str(tmp_path_factory.mktemp("spark-warehouse"))
    session = (
        SparkSession.builder.master("local[2]")
        .appName("pystats-lake")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.showConsoleProgress", "false")
        # Without adaptive execution the executed plan is final, so its scans' metrics can be read.
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def readme_tables(spark, readme, lake):
    """The README's Spark statements, run as printed there."""
    for statement in statements(readme_block(readme, "Spark SQL (the distributed reader").replace(PLACEHOLDER, lake.as_uri())):
        spark.sql(statement)


@pytest.fixture
def readme_trend(spark, readme, readme_tables):
    """The README's trend query, a new DataFrame for each test (so its plan's metrics are its own)."""
    return spark.sql(query(readme))


def query(readme: str) -> str:
    [select] = statements(readme_block(readme, "The same trend as SQL"))
    return select


def test_partition_columns_and_unsigned_types(spark, readme_tables):
    types = dict(spark.table("run_counters").dtypes)
    assert types["fork"] == "string" and types["month"] == "string"
    assert types["value"] == "decimal(20,0)" and types["run_hash"] == "decimal(20,0)"
    assert types["value_wide"] == "decimal(38,0)"


def test_readme_trend_query_equals_pystats_trend(readme, lake, readme_trend):
    rows = [(date[:10], value) for date, value in readme_trend.collect()]
    want = trend_csv(readme, lake)
    assert len(rows) > 10
    assert all(isinstance(v, Decimal) for _, v in rows)
    assert rows == want
    # The raised runs are there, exactly: past 2^53 and past 2^64.
    assert any(PAST_2_53 < v < 2**64 for d, v in rows if d == "2025-06-02")
    assert any(v > 2 * U64_MAX for d, v in rows if d == "2025-07-03")


def test_partition_pruning_reads_only_the_selected_partitions(readme, readme_trend, lake):
    readme_trend.collect()
    plan = readme_trend._jdf.queryExecution().executedPlan()
    scans = [leaf for leaf in scala_list(plan.collectLeaves()) if "run_counters" in leaf.toString()]
    assert len(scans) == 1
    scan = scans[0]
    text = scan.toString()
    assert "PartitionFilters: [" in text and "(fork#" in text and "= python)" in text and "(month#" in text
    files_read = scan.metrics().apply("numFiles").value()
    partitions_read = scan.metrics().apply("numPartitions").value()
    selected = [d for d in glob.glob(str(lake / "run_counters" / "fork=python" / "month=*")) if os.path.basename(d) >= "month=2024-01"]
    all_files = glob.glob(str(lake / "run_counters" / "*" / "*" / "*.parquet"))
    assert partitions_read == len(selected)
    assert files_read == sum(len(os.listdir(d)) for d in selected)
    assert files_read < len(all_files)
    # The README states these counts for this lake (the sample and the two raised runs).
    stated = re.search(r"its metrics count the partitions and files it read: (\d+) of the lake's (\d+)\s+files", readme)
    assert (files_read, len(all_files)) == (int(stated.group(1)), int(stated.group(2)))
    print(f"\nrun_counters scan: {files_read} of {len(all_files)} files, {partitions_read} partitions; {text[:400]}")


def scala_list(seq):
    it = seq.iterator()
    out = []
    while it.hasNext():
        out.append(it.next())
    return out


def test_an_export_adding_a_month_is_seen_after_the_repair(spark, readme, tmp_path):
    """The README's advice for a growing lake: after an export, repair run_counters (a new
    month) and refresh runs (a new runs file), then Spark sees the new run."""
    db, lake = tmp_path / "store.duckdb", tmp_path / "lake"
    ingest_raised_run(db, tmp_path, 0)
    pystats("lake", "export", "--db", str(db), "--out", str(lake))
    spark.sql("CREATE DATABASE growing")
    try:
        spark.sql("USE growing")
        for statement in statements(readme_block(readme, "Spark SQL (the distributed reader").replace(PLACEHOLDER, lake.as_uri())):
            spark.sql(statement)
        months = "SELECT DISTINCT month FROM run_counters ORDER BY month"
        assert [r.month for r in spark.sql(months).collect()] == ["2025-06"]
        dates = "SELECT commit_date FROM runs ORDER BY commit_date"
        assert len(spark.sql(dates).collect()) == 1
        ingest_raised_run(db, tmp_path, 1)
        pystats("lake", "export", "--db", str(db), "--out", str(lake))
        assert [r.month for r in spark.sql(months).collect()] == ["2025-06"]
        spark.sql("MSCK REPAIR TABLE run_counters")
        assert [r.month for r in spark.sql(months).collect()] == ["2025-06", "2025-07"]
        # Spark keeps the file list of a table it has read: the new run appears only after REFRESH TABLE.
        assert len(spark.sql(dates).collect()) == 1
        spark.sql("REFRESH TABLE runs")
        assert [r.commit_date[:10] for r in spark.sql(dates).collect()] == ["2025-06-02", "2025-07-03"]
    finally:
        spark.sql("USE default")
        spark.sql("DROP DATABASE growing CASCADE")
