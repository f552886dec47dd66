// The Memory Map view: draws the layout as SVG, shows the boot-log line of what the
// pointer is over, and asks the extension to open the node that was clicked. Every text
// from the devicetree goes in through textContent, never as markup.
import { Bar, hex, human, Kind, layout, Layout, Unplaced } from './layout';
import type { FromView, LspLocation, MemoryMap, Region, ToView } from './model';

declare function acquireVsCodeApi(): { postMessage(message: FromView): void };

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
const AXIS_WIDTH = 150;
const DRAM_WIDTH = 12;
const LANE_MIN = 190;
const TOP = 8;

const KIND_NAMES: Record<Kind, string> = {
  nomap: 'static, no-map',
  map: 'static, mapped',
  cma: 'CMA pool',
  dynamic: 'dynamic (placed at boot)',
  memreserve: '/memreserve/',
};

const root = document.getElementById('root') as HTMLElement;
const tooltip = document.getElementById('tooltip') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) {
    e.className = className;
  }
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    e.setAttribute(name, String(value));
  }
  return e;
}

function basename(uri: string | null | undefined): string {
  if (!uri) {
    return '';
  }
  return decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() ?? uri);
}

// Tooltips: a list of lines, the first in bold; shown next to the pointer.
function attachTip(target: Element, lines: () => string[]) {
  target.addEventListener('mousemove', (event) => {
    const e = event as MouseEvent;
    tooltip.replaceChildren();
    lines().forEach((line, i) => tooltip.appendChild(el('div', i === 0 ? 'tip-title' : 'tip-line', line)));
    tooltip.style.display = 'block';
    const x = Math.min(e.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
    // above the pointer when it fits, so what lies below (an overlap band) stays in view
    const y = e.clientY - tooltip.offsetHeight - 12 >= 0 ? e.clientY - tooltip.offsetHeight - 12 : e.clientY + 14;
    tooltip.style.left = `${Math.max(4, x)}px`;
    tooltip.style.top = `${Math.max(4, y)}px`;
  });
  target.addEventListener('mouseleave', () => {
    tooltip.style.display = 'none';
  });
}

function reveal(target: Element, location: LspLocation | null | undefined) {
  if (!location) {
    return;
  }
  target.classList.add('clickable');
  target.addEventListener('click', () => vscode.postMessage({ type: 'reveal', location }));
}

function regionLines(region: Region | undefined, bar: Bar, digits: number): string[] {
  if (!region) {
    return [`/memreserve/ ${hex(bar.base, digits)}..${hex(bar.end - 1n, digits)} (${human(bar.end - bar.base)})`,
      'reserved by the bootloader before the kernel reads the tree'];
  }
  const predicted = bar.entry === null ? region.placement : undefined;
  const lines = predicted ? [predicted.bootLog ?? region.name, predicted.explanation] : [...region.bootLog];
  if (lines.length === 0) {
    lines.push(`${region.name}: ${hex(bar.base, digits)}..${hex(bar.end - 1n, digits)}`);
  }
  lines.push(`${human(bar.end - bar.base)}, end ${hex(bar.end, digits)} (exclusive)`);
  if (region.labels.length > 0) {
    lines.push(`label ${region.labels.join(', ')}`);
  }
  lines.push(region.path + (region.enabled ? '' : `  (status "${region.status}": not reserved)`));
  if (region.consumers.length > 0) {
    lines.push(`used by ${region.consumers.join(', ')}`);
  }
  for (const d of region.diagnostics) {
    lines.push(`${d.severity}${d.code ? ` [${d.code}]` : ''}: ${d.message}`);
  }
  return lines;
}

function unplacedLines(region: Region, item: Unplaced, digits: number): string[] {
  const lines = [`${region.name}: ${item.size === null ? 'no size' : `${human(item.size)} (${hex(item.size, 0)})`}, placed by the kernel at boot`];
  if (item.alignment !== null) {
    lines.push(`alignment ${hex(item.alignment, 0)} (${human(item.alignment)})`);
  }
  lines.push(item.allocRanges.length > 0
    ? `alloc-ranges ${item.allocRanges.map((r) => `${hex(r.base, digits)}..${hex(r.end - 1n, digits)}`).join(', ')}`
    : 'anywhere in DRAM (no alloc-ranges)');
  if (item.placement !== null) {
    lines.push(item.placement);
  }
  lines.push(region.path);
  if (region.consumers.length > 0) {
    lines.push(`used by ${region.consumers.join(', ')}`);
  }
  for (const d of region.diagnostics) {
    lines.push(`${d.severity}${d.code ? ` [${d.code}]` : ''}: ${d.message}`);
  }
  return lines;
}

/** What bounds a free gap, as the server names it. */
function bounds(f: { below?: string; above?: string }): string {
  if (f.below && f.above) {
    return `between ${f.below} and ${f.above}`;
  }
  if (f.below || f.above) {
    return f.below ? `after ${f.below}` : `before ${f.above}`;
  }
  return 'DRAM no region uses';
}

// The label of a bar within its width: the name shortened before the size is dropped.
// 6.6 px is the mean advance of the 11 px bold label font.
function fit(name: string, suffix: string, width: number): string {
  const room = Math.floor(width / 6.6);
  const full = `${name}  ${suffix}`;
  if (full.length <= room) {
    return full;
  }
  const keep = room - suffix.length - 3;
  return keep >= 4 ? `${name.slice(0, keep)}…  ${suffix}` : `${name.slice(0, Math.max(1, room - 1))}…`;
}

function legend(): HTMLElement {
  const box = el('div', 'legend');
  for (const kind of ['nomap', 'map', 'cma', 'dynamic', 'memreserve'] as Kind[]) {
    const item = el('span', 'legend-item');
    item.appendChild(el('span', `swatch kind-${kind}`));
    item.appendChild(document.createTextNode(KIND_NAMES[kind]));
    box.appendChild(item);
  }
  const overlap = el('span', 'legend-item');
  overlap.appendChild(el('span', 'swatch overlap'));
  overlap.appendChild(document.createTextNode('overlap'));
  box.appendChild(overlap);
  const free = el('span', 'legend-item');
  free.appendChild(el('span', 'swatch free'));
  free.appendChild(document.createTextNode('free'));
  box.appendChild(free);
  return box;
}

function header(map: MemoryMap, shape: Layout): HTMLElement {
  const head = el('div', 'header');
  head.appendChild(el('h1', undefined, `Memory map: ${basename(map.board)}`));
  const notes: string[] = [];
  if (map.board && map.board !== map.uri) {
    notes.push(`${basename(map.uri)} as included by ${basename(map.board)}`
      + (map.boards.length > 1 ? ` (one of ${map.boards.length} boards)` : ''));
  }
  const regions = (map.regions ?? []).length;
  const freeBytes = shape.free.reduce((sum, f) => sum + (f.end - f.base), 0n);
  notes.push(`${regions} regions`, `${shape.overlaps.length} overlap${shape.overlaps.length === 1 ? '' : 's'}`,
    `${human(freeBytes)} free between them`);
  notes.push(map.dram?.known ? `DRAM ${map.dram.ranges.map((d) => `${d.base}+${d.size}`).join(', ')}`
    : 'DRAM filled in by the bootloader (setting carveout.dram)');
  head.appendChild(el('div', 'summary', notes.join(' · ')));
  head.appendChild(legend());
  return head;
}

function draw(map: MemoryMap) {
  const shape = layout(map);
  const regions = map.regions ?? [];
  root.replaceChildren(header(map, shape));
  if (shape.bars.length === 0 && shape.unplaced.length === 0) {
    root.appendChild(el('p', 'empty', 'No /reserved-memory, /memreserve/ or static region in this board.'));
    return;
  }
  const available = Math.max(root.clientWidth, 480);
  const laneWidth = Math.max(LANE_MIN, Math.floor((available - AXIS_WIDTH - DRAM_WIDTH - 24) / shape.lanes));
  const lanesLeft = AXIS_WIDTH + DRAM_WIDTH + 6;
  const width = lanesLeft + laneWidth * shape.lanes + 4;
  const height = shape.height + TOP * 2;
  const picture = svg('svg', { width, height, class: 'map', role: 'img', 'aria-label': 'memory map' });
  const body = svg('g', { transform: `translate(0, ${TOP})` });
  picture.appendChild(body);
  const defs = svg('defs', {});
  const hatch = svg('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  hatch.appendChild(svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }));
  defs.appendChild(hatch);
  picture.insertBefore(defs, body);

  // DRAM column
  for (const d of shape.dram) {
    const rect = svg('rect', { x: AXIS_WIDTH, y: d.y0, width: DRAM_WIDTH - 3, height: Math.max(1, d.y1 - d.y0), class: 'dram' });
    body.appendChild(rect);
    attachTip(rect, () => [`DRAM ${hex(d.base, shape.digits)}..${hex(d.end - 1n, shape.digits)}`, human(d.end - d.base)]);
  }
  // free gaps, across every lane
  for (const f of shape.free) {
    const g = svg('g', { class: 'free' });
    g.appendChild(svg('rect', { x: lanesLeft, y: f.y0 + 1, width: laneWidth * shape.lanes - 2, height: Math.max(1, f.y1 - f.y0 - 2) }));
    const label = svg('text', { x: lanesLeft + 8, y: (f.y0 + f.y1) / 2 + 4, class: 'free-label' });
    label.textContent = `free ${human(f.end - f.base)}`;
    g.appendChild(label);
    body.appendChild(g);
    attachTip(g, () => [`free: ${hex(f.base, shape.digits)}..${hex(f.end - 1n, shape.digits)} (${human(f.end - f.base)})`,
      bounds(f)]);
  }
  // stretches that nothing covers and that are not known RAM: a cut in the axis
  for (const b of shape.breaks) {
    const mid = (b.y0 + b.y1) / 2;
    body.appendChild(svg('path', {
      d: `M ${AXIS_WIDTH - 14} ${mid - 3} l 5 6 l 5 -6 l 5 6`, class: 'break',
    }));
  }
  // the axis
  body.appendChild(svg('line', { x1: AXIS_WIDTH - 4, y1: 0, x2: AXIS_WIDTH - 4, y2: shape.height, class: 'axis' }));
  for (const tick of shape.ticks) {
    body.appendChild(svg('line', { x1: AXIS_WIDTH - 9, y1: tick.y, x2: AXIS_WIDTH - 4, y2: tick.y, class: 'axis' }));
    if (tick.labelled) {
      const label = svg('text', { x: AXIS_WIDTH - 12, y: tick.y + 4, class: 'address' });
      label.textContent = hex(tick.address, shape.digits);
      body.appendChild(label);
    }
  }
  // one bar per reg entry
  for (const bar of shape.bars) {
    const region = bar.region === null ? undefined : regions[bar.region];
    const x = lanesLeft + bar.lane * laneWidth;
    const h = Math.max(2, bar.y1 - bar.y0 - 1);
    const classes = ['bar', `kind-${bar.kind}`];
    if (!bar.enabled) {
      classes.push('disabled');
    }
    if (bar.overlaps || bar.errors > 0) {
      classes.push('problem');
    }
    const g = svg('g', { class: classes.join(' '), 'data-name': bar.name });
    g.appendChild(svg('rect', { x: x + 1, y: bar.y0 + 0.5, width: laneWidth - 4, height: h, rx: 3 }));
    const label = svg('text', { x: x + 8, y: bar.y0 + Math.min(h / 2 + 4, 14), class: 'bar-label' });
    const marks = bar.errors > 0 ? ' ✖' : bar.warnings > 0 ? ' ⚠' : '';
    label.textContent = fit(`${bar.name}${bar.enabled ? '' : ' (disabled)'}${bar.entry === null ? ' (predicted)' : ''}`, `${human(bar.end - bar.base)}${marks}`, laneWidth - 16);
    g.appendChild(label);
    body.appendChild(g);
    attachTip(g, () => regionLines(region, bar, shape.digits));
    reveal(g, region?.location ?? bar.location);
  }
  // overlaps on top, in red
  for (const o of shape.overlaps) {
    const a = shape.bars[o.a];
    const b = shape.bars[o.b];
    const left = lanesLeft + Math.min(a.lane, b.lane) * laneWidth;
    const right = lanesLeft + (Math.max(a.lane, b.lane) + 1) * laneWidth - 3;
    const rect = svg('rect', { x: left, y: o.y0, width: right - left, height: Math.max(2, o.y1 - o.y0), class: 'overlap' });
    body.appendChild(rect);
    if (o.y1 - o.y0 >= 14) {
      const label = svg('text', { x: right - 8, y: (o.y0 + o.y1) / 2 + 4, class: 'overlap-label' });
      label.textContent = `overlap ${human(o.end - o.base)}`;
      body.appendChild(label);
    }
    attachTip(rect, () => [`overlap: ${a.name} and ${b.name}`,
      `${hex(o.base, shape.digits)}..${hex(o.end - 1n, shape.digits)} (${human(o.end - o.base)}) reserved twice`,
      'the kernel logs "OVERLAP DETECTED!"; a no-map region over it fails to reserve']);
    const target = regions[a.region ?? -1]?.location ?? regions[b.region ?? -1]?.location ?? null;
    reveal(rect, target);
  }
  const scroller = el('div', 'picture');
  scroller.appendChild(picture);
  root.appendChild(scroller);

  if (shape.unplaced.length > 0) {
    const section = el('div', 'unplaced');
    section.appendChild(el('h2', undefined, 'Placed at boot (no fixed address)'));
    for (const item of shape.unplaced) {
      const region = regions[item.region];
      const row = el('div', `unplaced-row kind-${item.kind}` + (item.errors > 0 ? ' problem' : ''));
      row.appendChild(el('span', `swatch kind-${item.kind}`));
      const where = item.allocRanges.length > 0
        ? `in ${item.allocRanges.map((r) => `${hex(r.base, shape.digits)}..${hex(r.end - 1n, shape.digits)}`).join(', ')}`
        : 'anywhere in DRAM';
      row.appendChild(el('span', 'unplaced-name', region.name));
      row.appendChild(el('span', 'unplaced-detail',
        `${item.size === null ? 'no size' : human(item.size)}${item.alignment !== null ? `, aligned to ${human(item.alignment)}` : ''} ${where}`
        + (region.enabled ? '' : ' (disabled)') + (item.errors > 0 ? ' ✖' : item.warnings > 0 ? ' ⚠' : '')));
      attachTip(row, () => unplacedLines(region, item, shape.digits));
      reveal(row, item.location);
      section.appendChild(row);
    }
    root.appendChild(section);
  }
}

let current: MemoryMap | undefined;

window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const message = event.data;
  if (message.type === 'map') {
    current = message.map;
    draw(message.map);
    document.body.dataset.state = 'ready';
    document.body.dataset.document = message.document;
  } else if (message.type === 'status') {
    if (!current || message.document !== undefined) {
      root.replaceChildren(el('p', 'status', message.text));
      current = undefined;
    }
    document.body.dataset.state = 'status';
  }
});

let resizeTimer: number | undefined;
window.addEventListener('resize', () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => current && draw(current), 100);
});

vscode.postMessage({ type: 'ready' });
