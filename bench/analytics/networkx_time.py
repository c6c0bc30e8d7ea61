"""Time one networkx computation on a graph file, for bench/analytics.

Usage: python3 networkx_time.py FILE METRIC

FILE is the JSON bench/analytics writes ({"nodes": [ids], "links": [[a, b, w]]});
METRIC is degree, betweenness, betweenness-sampled (networkx's estimate from 1,000
sources, seed 1, as actorgraph estimates it), closeness, pagerank, eigenvector
or louvain. The
graph is built first, untimed; the computation is timed alone (the library's
compute on a prebuilt graph) with the calls analytics/networkx_test.go checks
actorgraph against, at networkx's default tolerances (what a networkx user
gets). Prints one JSON line: {"metric", "seconds"}.
"""

import json
import sys
import time

import networkx as nx


def main():
    path, metric = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    g = nx.Graph()
    g.add_nodes_from(doc["nodes"])
    g.add_weighted_edges_from(doc["links"])
    calls = {
        "degree": lambda: nx.degree_centrality(g),
        "betweenness": lambda: nx.betweenness_centrality(g),
        "betweenness-sampled": lambda: nx.betweenness_centrality(g, k=min(1000, len(g)), seed=1),
        "closeness": lambda: nx.closeness_centrality(g),
        # nx.pagerank needs scipy, which the pinned checker does not install;
        # this is the pure-Python power iteration networkx ships.
        "pagerank": lambda: nx.algorithms.link_analysis.pagerank_alg._pagerank_python(g, weight=None),
        "eigenvector": lambda: nx.eigenvector_centrality(g, max_iter=1000),
        "louvain": lambda: nx.community.louvain_communities(g, weight=None, seed=1),
    }
    start = time.perf_counter()
    calls[metric]()
    print(json.dumps({"metric": metric, "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
