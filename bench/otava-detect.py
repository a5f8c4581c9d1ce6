"""Apache Otava's change-point detection on the series `make eval-otava` sends, through its
public Python API (otava.series.Series.analyze with AnalysisOptions), as its CLI runs it.

stdin: {"settings": [{"name", "window_len", "max_pvalue", "min_magnitude"}], "series": [[values or null]]}
stdout: {"<setting name>": {"indices": [[first index of each new segment]], "seconds": [per series]}}
"""
import json
import sys
import time

from otava.series import AnalysisOptions, Metric, Series


def detect(values, options):
    series = Series("eval", None, list(range(len(values))), {"value": Metric()}, {"value": list(values)}, {})
    return sorted(int(cp.index) for cp in series.analyze(options).change_points["value"])


def main():
    job = json.load(sys.stdin)
    out = {}
    for s in job["settings"]:
        options = AnalysisOptions()  # Otava's defaults: window 50, p 0.001, magnitude 0
        for field in ("window_len", "max_pvalue", "min_magnitude"):
            if field in s:
                setattr(options, field, s[field])
        indices, seconds = [], []
        for values in job["series"]:
            started = time.perf_counter()
            indices.append(detect(values, options))
            seconds.append(time.perf_counter() - started)
        out[s["name"]] = {"indices": indices, "seconds": seconds}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
