"""Load an actorgraph GraphML or GEXF export with networkx and print what it saw.

Usage: python3 check.py FILE graphml|gexf|gexf-1.3

gexf is read with networkx's default call, nx.read_gexf(path) (GEXF 1.2draft,
what our format=gexf writes); gexf-1.3 with nx.read_gexf(path, version="1.3").

Prints one JSON line:
  {"format": "graphml", "nodes": 5, "edges": 4, "pathElements": 7, "nodeIds": [...], "edgeIds": [...]}
and, when nodes carry annotations (annotate=), "annotations": {id: {name: value}};
exits non-zero when networkx rejects the file or an attribute lost its type.
"""

import json
import sys
from xml.etree import ElementTree

import networkx as nx


def fail(path, msg):
    sys.stderr.write(f"{path}: {msg}\n")
    sys.exit(1)


def edges_with_ids(g):
    # A multigraph keys parallel edges by their ids; a simple graph keeps the
    # id as an attribute.
    if g.is_multigraph():
        for u, v, key, data in g.edges(keys=True, data=True):
            yield u, v, data.get("id", key), data
    else:
        for u, v, data in g.edges(data=True):
            yield u, v, data.get("id"), data


def check(path, fmt):
    if fmt == "graphml":
        g = nx.read_graphml(path)
        type_attr = "type"
    elif fmt == "gexf":
        # The default call on purpose: it is what users type. networkx 3.x
        # falls back to other versions when the default finds no <graph>,
        # older releases (and other readers) do not, so the document must
        # also be in the version networkx reads by default.
        default_ns = nx.readwrite.gexf.GEXFReader().NS_GEXF
        root = ElementTree.parse(path).getroot().tag
        if root != f"{{{default_ns}}}gexf":
            fail(path, f"root element {root}, want networkx's default {{{default_ns}}}gexf")
        g = nx.read_gexf(path)
        type_attr = "label"
    else:
        g = nx.read_gexf(path, version="1.3")
        type_attr = "label"
    if not g.is_directed():
        fail(path, "graph is not directed")
    path_elements = 0
    annotations = {}
    for n, data in g.nodes(data=True):
        # Annotations (annotate=) are typed attributes: scores doubles, the
        # community an int, as Gephi and networkx must read them.
        for name in ("degree", "betweenness", "closeness", "pagerank", "eigenvector"):
            if name in data:
                if not isinstance(data[name], float):
                    fail(path, f"node {n!r} {name} is {type(data[name]).__name__}, want float")
                annotations.setdefault(n, {})[name] = data[name]
        if "community" in data:
            if not isinstance(data["community"], int) or isinstance(data["community"], bool):
                fail(path, f"node {n!r} community is {type(data['community']).__name__}, want int")
            annotations.setdefault(n, {})["community"] = data["community"]
        if not isinstance(data.get("kind"), str) or data["kind"] == "":
            fail(path, f"node {n!r} has no kind")
        if "hidden" in data and not isinstance(data["hidden"], int):
            fail(path, f"node {n!r} hidden is {type(data['hidden']).__name__}, want int")
        if data.get("pathRanks"):
            path_elements += 1
    edge_ids = []
    for u, v, eid, data in edges_with_ids(g):
        if not eid:
            fail(path, f"edge {u!r}->{v!r} has no id")
        if not data.get(type_attr):
            fail(path, f"edge {eid!r} has no {type_attr}")
        if not isinstance(data.get("confidence"), int) or isinstance(data.get("confidence"), bool):
            fail(path, f"edge {eid!r} confidence is {data.get('confidence')!r}, want an int")
        if not isinstance(data.get("inferred"), bool):
            fail(path, f"edge {eid!r} inferred is {data.get('inferred')!r}, want a bool")
        if data.get("pathRanks"):
            path_elements += 1
        edge_ids.append(eid)
    out = {
        "format": fmt,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "pathElements": path_elements,
        "nodeIds": list(g.nodes),
        "edgeIds": edge_ids,
    }
    if annotations:
        out["annotations"] = annotations
    return out


def main(argv):
    if len(argv) != 3 or argv[2] not in ("graphml", "gexf", "gexf-1.3"):
        sys.stderr.write("usage: python3 check.py FILE graphml|gexf|gexf-1.3\n")
        return 2
    try:
        seen = check(argv[1], argv[2])
    except Exception as err:  # networkx raises many kinds; any is a failure
        fail(argv[1], f"{type(err).__name__}: {err}")
    print(json.dumps(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
