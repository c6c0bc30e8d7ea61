// dom.js: building elements (never from HTML strings: the page's CSP allows
// no inline style, and text stays text) and the kinds' SVG shapes.
import { kindStyle } from './palette.js';

export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// fill replaces box's children with children, leaving out null, undefined
// and false (replaceChildren would print them as text: "null").
export function fill(box, ...children) {
  box.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return box;
}

export function kindBadge(kind) {
  const b = el('span', { class: 'kind' }, shapeIcon(kind, 12), kind);
  b.style.setProperty('--kc', kindStyle(kind).color); // CSSOM, allowed by the page's CSP
  return b;
}


// shapeIcon draws a kind's shape as SVG, matching the Cytoscape node shapes.
export function shapeIcon(kind, size = 16) {
  const { color, shape } = kindStyle(kind);
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('width', size);
  svg.setAttribute('height', size);
  svg.setAttribute('viewBox', '-1 -1 2 2');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('shape');
  const poly = (pts) => {
    const p = document.createElementNS(NS, 'polygon');
    p.setAttribute('points', pts.map(([x, y]) => `${x.toFixed(3)},${y.toFixed(3)}`).join(' '));
    return p;
  };
  const regular = (k, rot) => Array.from({ length: k }, (_, i) => {
    const a = rot + (2 * Math.PI * i) / k;
    return [0.95 * Math.cos(a), 0.95 * Math.sin(a)];
  });
  let s;
  switch (shape) {
    case 'hexagon': s = poly(regular(6, 0)); break;
    case 'triangle': s = poly([[0, -0.95], [0.95, 0.85], [-0.95, 0.85]]); break;
    case 'pentagon': s = poly(regular(5, -Math.PI / 2)); break;
    case 'diamond': s = poly([[0, -0.95], [0.95, 0], [0, 0.95], [-0.95, 0]]); break;
    case 'cut-rectangle': s = poly([[-0.6, -0.9], [0.6, -0.9], [0.9, -0.6], [0.9, 0.6], [0.6, 0.9], [-0.6, 0.9], [-0.9, 0.6], [-0.9, -0.6]]); break;
    case 'star': s = poly(Array.from({ length: 10 }, (_, i) => {
      const a = -Math.PI / 2 + (Math.PI * i) / 5;
      const r = i % 2 ? 0.42 : 0.98;
      return [r * Math.cos(a), r * Math.sin(a)];
    })); break;
    case 'round-rectangle':
      s = document.createElementNS(NS, 'rect');
      for (const [k, v] of Object.entries({ x: -0.9, y: -0.8, width: 1.8, height: 1.6, rx: 0.35 })) s.setAttribute(k, v);
      break;
    default:
      s = document.createElementNS(NS, 'circle');
      s.setAttribute('r', '0.9');
  }
  s.setAttribute('fill', color);
  svg.append(s);
  return svg;
}

export function edgeIcon(style) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('width', 28);
  svg.setAttribute('height', 10);
  svg.setAttribute('aria-hidden', 'true');
  const l = document.createElementNS(NS, 'line');
  for (const [k, v] of Object.entries({ x1: 1, y1: 5, x2: 27, y2: 5, 'stroke-width': style.width || 2, stroke: style.color })) l.setAttribute(k, v);
  if (style.dash) l.setAttribute('stroke-dasharray', style.dash);
  svg.append(l);
  return svg;
}
