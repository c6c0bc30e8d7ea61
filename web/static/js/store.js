// store.js: the explorer's state and a small event bus (no DOM; unit-tested).
// Views read the state and emit events; the controller (controller.js)
// reacts to them. Views never import each other: a view that needs another
// to act emits an event the controller turns into that call.

export function newView() {
  return {
    nodes: new Map(),    // id -> node as the API sent it
    edges: new Map(),    // id -> edge
    sources: new Map(),  // id -> Source entity (from answers' `sources` and Source nodes), for the evidence panel
    total: new Map(),    // id -> neighbour count estimated from the API's `hidden`
    expanded: [],        // ids expanded, in order (restored from the URL)
    added: [],           // ids drawn on their own (an accepted edge's ends), restored with the edges among them
    removed: [],         // ids removed from the view (rm=), taken out again after a restore's expansions
    selected: null,      // selected node id
    second: null,        // a second node selected with it (Shift+click): the other end of "brokers between"
    path: null,          // path query {from, to, rel[], stance[], evidence, minConfidence, knownOn, mode, maxDepth}
    answer: null,        // last path answer
    all: false,          // whole graph loaded
    kindsOff: new Set(),
    relsOff: new Set(),
    asOf: null,          // YYYY-MM-DD: hide edges reported after it
    timeRange: null,     // {from, to} (YYYY-MM-DD) brushed on the timeline: only edges and events dated in it
    timeline: false,     // the timeline strip is open
    sizeBy: '',          // the centrality sizing the nodes (analytics.js METRICS), '' for none
    colorBy: '',         // 'community': nodes coloured by their Louvain community
    scores: null,        // the centrality answer sizing the nodes
    communities: null,   // the communities answer colouring them
    brokers: null,       // {from, to}: the brokers asked for
    brokerAnswer: null,  // GET /paths/brokers' answer
    brokerPaths: null,   // pathKey -> the ranked path (with each hop's evidence) of a broker's path
    brokerFocus: null,   // the broker whose paths alone are highlighted
    layout: 'force',     // the canvas's layout (urlstate.js LAYOUTS)
    pinned: new Set(),   // ids of nodes pinned where they are (locked: no layout moves them)
    schema: null,
    tab: 'graph',        // 'graph' or 'sources'
    src: null,           // source open in the Sources view
    span: null,          // {start, end} highlighted in it (code points)
  };
}

export const view = newView();

// review is the Sources view's state: the open source's answer ({source,
// text, mentions, newEntities, candidates}) and the review cursor.
export const review = { body: null, index: 0, editing: null };

export const busy = { pending: 0, failed: false, layoutRunning: false, restoring: false };

export const nav = { lastHash: '' };

export const nameOf = (id) => view.nodes.get(id)?.name || view.sources.get(id)?.name || id;

// clearGraph empties the graph part of v (not its filters, schema or tab).
export function clearGraph(v = view) {
  v.nodes.clear();
  v.edges.clear();
  v.total.clear();
  v.expanded = [];
  v.added = [];
  v.removed = [];
  v.selected = null;
  v.second = null;
  v.pinned.clear();
  clearBrokers(v);
  v.path = null;
  v.answer = null;
  v.all = false;
}

// clearBrokers forgets the brokers answer (not the nodes it drew).
export function clearBrokers(v = view) {
  v.brokers = null;
  v.brokerAnswer = null;
  v.brokerPaths = null;
  v.brokerFocus = null;
}

// createBus is an event bus: on(name, fn) subscribes (and returns the
// unsubscribe), emit(name, payload) calls the subscribers in order; one that
// throws is reported and the others still run.
export function createBus(report = (err) => console.error(err)) {
  const subs = new Map();
  return {
    on(name, fn) {
      if (!subs.has(name)) subs.set(name, []);
      subs.get(name).push(fn);
      return () => subs.set(name, subs.get(name).filter((f) => f !== fn));
    },
    emit(name, payload) {
      for (const fn of subs.get(name) || []) {
        try {
          fn(payload);
        } catch (err) {
          report(err);
        }
      }
    },
    count: (name) => (subs.get(name) || []).length,
  };
}

export const bus = createBus();
