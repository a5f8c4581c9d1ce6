# The anchor of the archive benchmark: a plain Python loop that walks a bench_runner
# results tree and json.load()s every pystats JSON in it, storing nothing. Whatever
# pystats does with the archive, it cannot need less than reading it once; this is that.
# Prints runs, bytes and its own peak RSS (kB) so the work is not elided.
import json, os, resource, sys

runs = 0
size = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith('.json') and '-pystats' in name:
            path = os.path.join(root, name)
            with open(path) as fd:
                data = json.load(fd)
            runs += 1
            size += os.path.getsize(path)
print(runs, size, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
