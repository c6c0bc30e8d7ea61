"""Compute with networkx what actorgraph's analytics package computes, for
the comparison in analytics/networkx_test.go.

Usage: python3 analytics.py FILE

FILE is JSON: {"graphs": [{"name", "nodes": [ids], "links": [[a, b, weight]],
"weighted": bool, "resolution": float, "seed": int, "partition": [[ids]]}]}
(a graph exactly as the algorithms saw it: undirected, one link per pair,
weight the pair's strength; "partition" is actorgraph's Louvain answer).

Prints one JSON object: {name: {"degree", "betweenness", "closeness",
"pagerank", "eigenvector": {id: score}, "louvain": Q of networkx's own
louvain_communities at that resolution and seed, "ours": Q networkx gives
actorgraph's partition}}.

The calls, and why:
- degree: G.degree(weight=) / (n-1) (degree_centrality when unweighted);
- betweenness_centrality(normalized=True, weight="distance"|None), where
  distance = 1/weight: a strong tie is a short one;
- closeness_centrality(distance="distance"|None) (wf_improved=True, default);
- PageRank: networkx's own pure-Python power iteration (_pagerank_python,
  what nx.pagerank computes, without needing scipy), alpha 0.85, tol 1e-13;
- eigenvector_centrality (power iteration on A+I), tol 1e-13;
- louvain_communities(resolution=, seed=) and modularity(resolution=).
The tolerances are tighter than networkx's defaults (1e-6), so that both
sides are exact well below the 1e-6 relative difference the test allows.
"""

import json
import sys

import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python


def build(spec):
    g = nx.Graph()
    g.add_nodes_from(spec["nodes"])
    for a, b, w in spec["links"]:
        g.add_edge(a, b, weight=w, distance=1.0 / w)
    return g


def analyse(spec):
    g = build(spec)
    weighted = spec["weighted"]
    weight = "weight" if weighted else None
    distance = "distance" if weighted else None
    n = g.number_of_nodes()
    out = {}
    out["degree"] = {v: (d / (n - 1) if n > 1 else 0.0) for v, d in g.degree(weight=weight)}
    out["betweenness"] = nx.betweenness_centrality(g, normalized=True, weight=distance)
    out["closeness"] = nx.closeness_centrality(g, distance=distance)
    out["pagerank"] = _pagerank_python(g, alpha=0.85, max_iter=100000, tol=1e-13, weight=weight)
    out["eigenvector"] = nx.eigenvector_centrality(g, max_iter=100000, tol=1e-13, weight=weight)
    res = spec["resolution"]
    if g.number_of_edges() > 0:
        theirs = nx.community.louvain_communities(g, weight=weight, resolution=res, seed=spec["seed"])
        out["louvain"] = nx.community.modularity(g, theirs, weight=weight, resolution=res)
        out["ours"] = nx.community.modularity(g, [set(c) for c in spec["partition"]], weight=weight, resolution=res)
        out["communities"] = len(theirs)
    return out


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: python3 analytics.py FILE\n")
        sys.exit(2)
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    json.dump({spec["name"]: analyse(spec) for spec in doc["graphs"]}, sys.stdout)


if __name__ == "__main__":
    main()
