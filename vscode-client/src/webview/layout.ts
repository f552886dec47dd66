// Turns a memory map into positions on a vertical address axis. Pure, so it is tested
// in Node; the view only draws what this returns. Overlaps and free gaps are the server's
// (the overlap rule's findings, the layout's gaps): drawn as given, never computed here.
//
// A linear axis would hide a 4 KiB carve-out next to a 2 GiB gap, so the axis is cut at
// every region and gap boundary and each piece gets a height that grows with the log of
// its size: every region stays visible and bigger ones still look bigger. Addresses grow
// downwards, in the order the boot log lists them.
import type { LspLocation, MemoryMap, Region, RegionReference } from './model';

/** What decides a bar's colour. */
export type Kind = 'nomap' | 'map' | 'cma' | 'dynamic' | 'memreserve';

export interface Bar {
  id: number;
  /** index into map.regions; null for a /memreserve/ entry */
  region: number | null;
  /** the node path, or /memreserve/ */
  path: string;
  /** the reg entry (the /memreserve/ index); null for a dynamic region where the kernel is predicted to put it */
  entry: number | null;
  name: string;
  kind: Kind;
  base: bigint;
  end: bigint;
  enabled: boolean;
  lane: number;
  y0: number;
  y1: number;
  /** one side of an overlap the server reports */
  overlaps: boolean;
  errors: number;
  warnings: number;
  location: LspLocation | null;
}

export interface Overlap {
  a: number;
  b: number;
  base: bigint;
  end: bigint;
  y0: number;
  y1: number;
}

export interface Free {
  base: bigint;
  end: bigint;
  y0: number;
  y1: number;
  /** the regions that bound it; absent at the edge of DRAM */
  below?: string;
  above?: string;
}

/** A stretch of the axis that nothing covers and that is not known to be RAM: drawn short. */
export interface Break {
  base: bigint;
  end: bigint;
  y0: number;
  y1: number;
}

export interface Tick {
  address: bigint;
  y: number;
  /** false when too close to the previous labelled tick to print */
  labelled: boolean;
}

export interface Unplaced {
  region: number;
  name: string;
  kind: Kind;
  size: bigint | null;
  alignment: bigint | null;
  allocRanges: { base: bigint; end: bigint }[];
  /** where the server predicts the kernel puts it, or why it cannot */
  placement: string | null;
  errors: number;
  warnings: number;
  location: LspLocation | null;
}

export interface Layout {
  bars: Bar[];
  overlaps: Overlap[];
  free: Free[];
  breaks: Break[];
  dram: { base: bigint; end: bigint; y0: number; y1: number }[];
  ticks: Tick[];
  /** regions without a fixed address: placed by the kernel at boot */
  unplaced: Unplaced[];
  lanes: number;
  height: number;
  /** hex digits to print an address with: 8, or 16 when anything lies above 4 GiB */
  digits: number;
}

export const MIN_ROW = 16;
export const MAX_ROW = 80;
export const BREAK_ROW = 12;
const LABEL_SPACING = 11;

export function parseAddress(text: string | null | undefined): bigint | null {
  if (text === null || text === undefined) {
    return null;
  }
  try {
    return BigInt(text);
  } catch {
    return null;
  }
}

export function kindOf(region: Region): Kind {
  if (region.cma) {
    return 'cma';
  }
  if (region.kind === 'dynamic' || region.kind === 'none') {
    return 'dynamic';
  }
  return region.noMap ? 'nomap' : 'map';
}

/** Height of a piece of the axis of `size` bytes: 16 px for 4 KiB, 4 px more per doubling. */
export function rowHeight(size: bigint): number {
  const pages = Number(size) / 4096;
  const height = MIN_ROW + 4 * Math.log2(Math.max(pages, 1));
  return Math.round(Math.min(MAX_ROW, Math.max(MIN_ROW, height)));
}

function count(region: Region | undefined, severity: string): number {
  return region ? region.diagnostics.filter((d) => d.severity === severity).length : 0;
}

function range(r: { base?: string; end?: string }): { base: bigint; end: bigint } | null {
  const base = parseAddress(r.base);
  const end = parseAddress(r.end);
  return base !== null && end !== null && end > base ? { base, end } : null;
}

export function layout(map: MemoryMap): Layout {
  const regions = map.regions ?? [];
  const bars: Bar[] = [];
  regions.forEach((region, index) => {
    const common = {
      region: index, path: region.path, name: region.name, kind: kindOf(region), enabled: region.enabled,
      lane: 0, y0: 0, y1: 0, overlaps: false,
      errors: count(region, 'error'), warnings: count(region, 'warning'), location: region.location ?? null,
    };
    region.reg.forEach((entry, i) => {
      const at = range(entry);
      if (at) {
        bars.push({ id: bars.length, entry: i, ...at, ...common });
      }
    });
    const placed = region.placement?.state === 'placed' ? range(region.placement) : null;
    if (placed) {
      bars.push({ id: bars.length, entry: null, ...placed, ...common });
    }
  });
  (map.memreserve ?? []).forEach((reserve, i) => {
    const at = range(reserve);
    if (at) {
      bars.push({
        id: bars.length, region: null, path: '/memreserve/', entry: i, name: '/memreserve/', kind: 'memreserve',
        ...at, enabled: true, lane: 0, y0: 0, y1: 0, overlaps: false, errors: 0, warnings: 0,
        location: reserve.location ?? null,
      });
    }
  });
  const gaps = (map.gaps ?? []).flatMap((g) => {
    const at = range(g);
    return at ? [{ ...at, below: g.below, above: g.above }] : [];
  });
  const dram = (map.dram?.ranges ?? []).flatMap((d) => {
    const at = range(d);
    return at ? [at] : [];
  });

  const barOf = (ref: RegionReference | undefined): Bar | undefined =>
    bars.find((b) => ref !== undefined && b.path === ref.path && b.entry === ref.entry);
  const overlaps: Overlap[] = [];
  for (const given of map.overlaps ?? []) {
    const a = barOf(given.regions[0]);
    const b = barOf(given.regions[1]);
    const at = range(given);
    if (a && b && at) {
      overlaps.push({ a: a.id, b: b.id, ...at, y0: 0, y1: 0 });
      a.overlaps = true;
      b.overlaps = true;
    }
  }

  // The axis: cut at every boundary, including DRAM's when it reaches beyond the regions.
  const points = new Set<bigint>();
  for (const b of bars) {
    points.add(b.base);
    points.add(b.end);
  }
  for (const g of gaps) {
    points.add(g.base);
    points.add(g.end);
  }
  if (bars.length > 0) {
    for (const d of dram) {
      points.add(d.base);
      points.add(d.end);
    }
  }
  const cuts = [...points].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const yOf = new Map<bigint, number>();
  const breaks: Break[] = [];
  const ticks: Tick[] = [];
  let y = 0;
  let lastLabel = -Infinity;
  for (let i = 0; i < cuts.length; i++) {
    const at = cuts[i];
    yOf.set(at, y);
    const labelled = y - lastLabel >= LABEL_SPACING;
    if (labelled) {
      lastLabel = y;
    }
    ticks.push({ address: at, y, labelled });
    if (i + 1 < cuts.length) {
      const next = cuts[i + 1];
      const covered = bars.some((b) => b.base <= at && next <= b.end)
        || gaps.some((g) => g.base <= at && next <= g.end)
        || dram.some((d) => d.base <= at && next <= d.end);
      const height = covered ? rowHeight(next - at) : BREAK_ROW;
      if (!covered) {
        breaks.push({ base: at, end: next, y0: y, y1: y + height });
      }
      y += height;
    }
  }
  const at = (address: bigint): number => yOf.get(address) ?? 0;
  for (const b of bars) {
    b.y0 = at(b.base);
    b.y1 = at(b.end);
  }
  for (const o of overlaps) {
    o.y0 = at(o.base);
    o.y1 = at(o.end);
  }
  const free: Free[] = gaps.map((g) => ({ ...g, y0: at(g.base), y1: at(g.end) }));

  // Lanes: a bar goes to the leftmost lane free at its base, so overlapping bars sit side by side.
  const laneEnds: bigint[] = [];
  const order = [...bars].sort((p, q) => (p.base < q.base ? -1 : p.base > q.base ? 1 : q.end > p.end ? 1 : q.end < p.end ? -1 : 0));
  for (const b of order) {
    let lane = laneEnds.findIndex((end) => end <= b.base);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(b.end);
    } else {
      laneEnds[lane] = b.end;
    }
    b.lane = lane;
  }

  const unplaced: Unplaced[] = [];
  regions.forEach((region, index) => {
    if (region.reg.length === 0) {
      unplaced.push({
        region: index, name: region.name, kind: kindOf(region), size: parseAddress(region.size),
        alignment: parseAddress(region.alignment),
        allocRanges: region.allocRanges.flatMap((r) => {
          const base = parseAddress(r.base);
          const end = parseAddress(r.end);
          return base !== null && end !== null ? [{ base, end }] : [];
        }),
        placement: region.placement?.explanation ?? null,
        errors: count(region, 'error'), warnings: count(region, 'warning'), location: region.location ?? null,
      });
    }
  });

  const highest = cuts.length > 0 ? cuts[cuts.length - 1] : 0n;
  return {
    bars, overlaps, free, breaks,
    dram: bars.length > 0 ? dram.map((d) => ({ ...d, y0: at(d.base), y1: at(d.end) })) : [],
    ticks, unplaced, lanes: Math.max(1, laneEnds.length), height: y,
    digits: highest > 0x1_0000_0000n ? 16 : 8,
  };
}

/** `0x9c900000`, zero-padded to the width the map needs. */
export function hex(value: bigint, digits: number): string {
  return '0x' + value.toString(16).padStart(digits, '0');
}

/** 8 MiB, 384 KiB, 2.5 GiB: the unit that keeps the number readable. */
export function human(bytes: bigint): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let unit = 0;
  let scaled = 1n;
  while (unit + 1 < units.length && bytes >= scaled * 1024n) {
    scaled *= 1024n;
    unit++;
  }
  if (unit === 0) {
    return `${bytes} bytes`;
  }
  const whole = bytes / scaled;
  const tenths = ((bytes % scaled) * 10n) / scaled;
  return tenths === 0n ? `${whole} ${units[unit]}` : `${whole}.${tenths} ${units[unit]}`;
}
