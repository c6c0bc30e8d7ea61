"""Time one python-igraph computation on a graph file, for bench/analytics.

Usage: python3 igraph_time.py FILE METRIC

FILE and METRIC as networkx_time.py takes them (betweenness-sampled is timed as
igraph's exact betweenness: igraph has no sampled betweenness, and its exact one
is what the estimate's top 20 is compared with). The graph is built first,
untimed; the computation is timed alone with igraph's defaults. Prints one JSON
line: {"metric", "seconds", "top"} ("top": the 20 best-scored ids, for
betweenness).
"""

import json
import random
import sys
import time

import igraph as ig


def main():
    path, metric = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    ids = doc["nodes"]
    index = {v: i for i, v in enumerate(ids)}
    g = ig.Graph(n=len(ids), edges=[(index[a], index[b]) for a, b, _ in doc["links"]], directed=False)
    random.seed(1)
    calls = {
        "degree": lambda: g.degree(),
        "betweenness": lambda: g.betweenness(directed=False),
        "betweenness-sampled": lambda: g.betweenness(directed=False),
        "closeness": lambda: g.closeness(),
        "pagerank": lambda: g.pagerank(damping=0.85),
        "eigenvector": lambda: g.eigenvector_centrality(),
        "louvain": lambda: g.community_multilevel(resolution=1),
    }
    start = time.perf_counter()
    result = calls[metric]()
    seconds = time.perf_counter() - start
    out = {"metric": metric, "seconds": seconds}
    if metric.startswith("betweenness"):
        order = sorted(range(len(ids)), key=lambda i: (-result[i], ids[i]))
        out["top"] = [ids[i] for i in order[:20]]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
