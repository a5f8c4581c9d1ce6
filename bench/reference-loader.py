# The loading loop of CPython's Tools/scripts/summarize_stats.py (3.13), re-typed from
# its documented behaviour: the baseline pystats' speed is compared with, run on the
# same corpus in the same bench run. Prints the number of keys so the work is not elided.
import os, sys
from collections import Counter

def load_raw_data(input):
    stats = Counter()
    for filename in os.listdir(input):
        with open(os.path.join(input, filename)) as fd:
            for line in fd:
                try:
                    key, value = line.split(":")
                except ValueError:
                    print(f"Unparsable line: '{line.strip()}' in {filename}", file=sys.stderr)
                    continue
                if key.startswith("uops[") and key[5:6] != "_":
                    key = "uops[_" + key[5:]
                stats[key.strip()] += int(value)
        stats["__nfiles__"] += 1
    return stats

print(len(load_raw_data(sys.argv[1])))
