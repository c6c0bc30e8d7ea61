// canvas-style.js: how the canvas draws the view: the Cytoscape style of
// nodes (kind colour and shape, the "+N" badge, hubs), edges (stance, inferred,
// path, hover) and the hubs' label size as the view zooms out.
import { kindStyle } from './palette.js';

// badge draws "+N" (neighbours not shown yet) in a small font inside the
// node, as an SVG background image: it never widens or lengthens the label.
const badges = new Map();
function badge(n, shape) {
  const key = `${n}/${shape}`;
  if (!badges.has(key)) {
    const t = n > 99 ? '99+' : `+${n}`;
    // A triangle's wide part is low; a star's centre is small.
    const [y, size] = shape === 'triangle' ? [24, t.length > 2 ? 8 : 9] : shape === 'star' ? [19, t.length > 2 ? 8 : 9] : [18.5, 10];
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30" viewBox="0 0 30 30">'
      + `<text x="15" y="${y}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="${size}" font-weight="700" `
      + `fill="#ffffff" stroke="#1b1f24" stroke-opacity="0.65" stroke-width="2.4" paint-order="stroke">${t}</text></svg>`;
    badges.set(key, 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg));
  }
  return badges.get(key);
}

// hub is the hubs' label size last applied (layout.js re-applies it after a fit).
export const hub = { lastFont: 12 };

// hubFontSize: labels are 11px at zoom 1; a hub's grows as the view zooms out
// so that it stays legible (about 8px on screen) after regular ones vanish.
export function hubFontSize(cy) {
  return cy ? Math.min(26, Math.max(12, 8 / cy.zoom())) : 12;
}

// canvasStyle is the style sheet of the canvas cy.
export function canvasStyle(cyRef) {
  return [
    {
      selector: 'node',
      style: {
        'background-color': (n) => kindStyle(n.data('kind')).color,
        shape: (n) => kindStyle(n.data('kind')).shape,
        width: 30,
        height: 30,
        label: 'data(label)',
        'font-family': 'system-ui, "DejaVu Sans", sans-serif',
        'font-size': 11,
        color: '#1b1f24',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'wrap',
        'text-max-width': 104,
        'text-justification': 'center',
        'line-height': 1.15,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.82,
        'text-background-padding': 2,
        'text-background-shape': 'round-rectangle',
        'border-width': 1.5,
        'border-color': '#ffffff',
        // In a large, zoomed-out view small labels vanish instead of blurring
        // into each other; hubs keep bigger ones (below).
        'min-zoomed-font-size': 6,
      },
    },
    // Hubs keep a readable name when the view is zoomed far out (see 'zoom' below).
    { selector: 'node[deg >= 8]', style: { 'font-size': () => hubFontSize(cyRef()), 'font-weight': 'bold', width: 40, height: 40 } },
    { selector: 'node[kind = "Event"][deg < 8]', style: { width: 36, height: 36 } },
    // Analytics: a size by centrality wins over the hub and event sizes; a
    // community colour over the kind's (the shape still tells the kind).
    { selector: 'node.sized', style: { width: 'data(size)', height: 'data(size)' } },
    { selector: 'node.community', style: { 'background-color': 'data(ccolor)' } },
    {
      selector: 'node[hidden > 0]',
      style: {
        'border-width': 3, 'border-color': '#90a4ae', 'border-style': 'double',
        'background-image': (n) => badge(n.data('hidden'), kindStyle(n.data('kind')).shape),
        'background-fit': 'contain', 'background-clip': 'none', 'background-image-smoothing': 'yes',
      },
    },
    {
      selector: 'edge',
      style: {
        width: (e) => 1 + 2.5 * ((e.data('confidence') ?? 50) / 100),
        'line-color': '#8a939c',
        'target-arrow-color': '#8a939c',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': 'bezier',
        label: '',
        'font-family': 'ui-monospace, "DejaVu Sans Mono", monospace',
        'font-size': 9,
        color: '#3c444c',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': 1.5,
        'text-background-shape': 'round-rectangle',
        'min-zoomed-font-size': 6,
      },
    },
    { selector: 'edge[?inferred]', style: { 'line-style': 'dotted' } },
    {
      selector: 'edge[stance = "alleged"], edge[stance = "denied"]',
      style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4], 'line-color': '#b26a00', 'target-arrow-color': '#b26a00' },
    },
    { selector: 'edge[stance = "denied"]', style: { 'line-color': '#b3261e', 'target-arrow-color': '#b3261e' } },
    // Edge labels only where they are read: on the highlighted path and under
    // the pointer (an edge, a node's edges, a hop of the evidence panel).
    { selector: 'edge.labelled, edge.hl, edge.hover', style: { label: 'data(type)', 'z-index': 15 } },
    { selector: 'edge.hl', style: { 'line-color': '#4f5962', 'target-arrow-color': '#4f5962' } },
    { selector: '.dim', style: { opacity: 0.28 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#e6007e', 'border-style': 'solid', 'z-index': 10 } },
    { selector: 'edge.path', style: { 'line-color': '#e6007e', 'target-arrow-color': '#e6007e', width: 5, 'z-index': 10, color: '#8c004c' } },
    // Brokers between two nodes: the brokers ringed in violet, the two ends in
    // black, the brokers' paths in violet.
    { selector: 'edge.bpath', style: { 'line-color': '#7b1fa2', 'target-arrow-color': '#7b1fa2', width: 3, 'z-index': 9 } },
    { selector: 'node.broker', style: { 'border-width': 5, 'border-color': '#7b1fa2', 'border-style': 'double', 'z-index': 12 } },
    { selector: 'node.broker-end', style: { 'border-width': 4, 'border-color': '#1b1f24', 'border-style': 'solid', 'z-index': 12 } },
    { selector: 'edge.hover', style: { 'line-color': '#1a73e8', 'target-arrow-color': '#1a73e8', width: 6, 'z-index': 20 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1a73e8', 'border-style': 'solid' } },
    { selector: 'node.hover, node:selected', style: { label: 'data(name)', 'z-index': 30, 'text-background-opacity': 1 } },
    { selector: 'edge:selected', style: { 'line-color': '#1a73e8', 'target-arrow-color': '#1a73e8', label: 'data(type)' } },
    // A pinned node (locked where it is): a dashed dark ring outside its border.
    { selector: 'node.pinned', style: { 'outline-width': 3, 'outline-color': '#1b1f24', 'outline-style': 'dashed', 'outline-offset': 3 } },
    // Search within the view: the matches on an amber halo, the current one brighter.
    { selector: 'node.found', style: { 'underlay-color': '#f9ab00', 'underlay-padding': 9, 'underlay-opacity': 0.45, 'underlay-shape': 'ellipse' } },
    { selector: 'node.found-current', style: { 'underlay-opacity': 0.9, 'underlay-padding': 13, label: 'data(name)', 'z-index': 25, 'text-background-opacity': 1 } },
    { selector: '.filtered', style: { display: 'none' } },
  ];
}
