"""Splink's Spark backend: a local session for tests, or the cluster a national inquiry runs.

``spark_session()`` returns the active session when one exists (spark-submit on
a cluster), otherwise starts ``local[2]`` with Splink's similarity UDF jar.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any


def spark_session(master: str | None = None) -> Any:
    """The active Spark session, or a new one (``CANDOUR_SPARK_MASTER`` or local[2])."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    master = master or os.environ.get("CANDOUR_SPARK_MASTER", "local[2]")
    builder = (
        SparkSession.builder.master(master)
        .appName("candour-link")
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", os.environ.get("CANDOUR_SPARK_DRIVER_MEMORY", "2g"))
        .config("spark.sql.shuffle.partitions", os.environ.get("CANDOUR_SPARK_PARTITIONS", "1"))
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="candour-spark-"))
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def spark_api(spark: Any) -> Any:
    """Splink's database API over a Spark session."""
    from splink import SparkAPI

    method = os.environ.get("CANDOUR_SPARK_BREAK_LINEAGE", "persist")
    return SparkAPI(
        spark_session=spark, num_partitions_on_repartition=2, break_lineage_method=method
    )
