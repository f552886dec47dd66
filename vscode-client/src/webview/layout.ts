// Turns a memory map into positions on a vertical address axis. Pure, so it is tested
// in Node; the view only draws what this returns.
//
// A linear axis would hide a 4 KiB carve-out next to a 2 GiB gap, so the axis is cut at
// every region and gap boundary and each piece gets a height that grows with the log of
// its size: every region stays visible and bigger ones still look bigger. Addresses grow
// downwards, in the order the boot log lists them.
import type { LspLocation, MemoryMap, Region } from './model';

/** What decides a bar's colour. */
export type Kind = 'nomap' | 'map' | 'cma' | 'dynamic' | 'memreserve';

export interface Bar {
  id: number;
  /** index into map.regions; null for a /memreserve/ entry */
  region: number | null;
  name: string;
  kind: Kind;
  base: bigint;
  end: bigint;
  enabled: boolean;
  lane: number;
  y0: number;
  y1: number;
  /** shares bytes with another enabled bar */
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
  below: string;
  above: string;
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

export function layout(map: MemoryMap): Layout {
  const regions = map.regions ?? [];
  const bars: Bar[] = [];
  regions.forEach((region, index) => {
    for (const range of region.ranges) {
      const base = parseAddress(range.base);
      const end = parseAddress(range.end);
      if (base === null || end === null || end <= base) {
        continue;
      }
      bars.push({
        id: bars.length, region: index, name: region.name, kind: kindOf(region), base, end,
        enabled: region.enabled, lane: 0, y0: 0, y1: 0, overlaps: false,
        errors: count(region, 'error'), warnings: count(region, 'warning'), location: region.location,
      });
    }
  });
  for (const reserve of map.memreserve ?? []) {
    const base = parseAddress(reserve.base);
    const end = parseAddress(reserve.end);
    if (base !== null && end !== null && end > base) {
      bars.push({
        id: bars.length, region: null, name: '/memreserve/', kind: 'memreserve', base, end, enabled: true,
        lane: 0, y0: 0, y1: 0, overlaps: false, errors: 0, warnings: 0, location: reserve.location,
      });
    }
  }
  const gaps = (map.gaps ?? []).flatMap((g) => {
    const base = parseAddress(g.base);
    const end = parseAddress(g.end);
    return base !== null && end !== null && end > base ? [{ base, end, below: g.below, above: g.above }] : [];
  });
  const dram = (map.dram ?? []).flatMap((d) => {
    const base = parseAddress(d.base);
    const end = parseAddress(d.end);
    return base !== null && end !== null && end > base ? [{ base, end }] : [];
  });

  // Overlaps: every pair of enabled bars, not only neighbours, as the kernel checks.
  const overlaps: Overlap[] = [];
  const enabled = bars.filter((b) => b.enabled).sort((x, y) => (x.base < y.base ? -1 : x.base > y.base ? 1 : 0));
  for (let i = 0; i < enabled.length; i++) {
    for (let j = i + 1; j < enabled.length && enabled[j].base < enabled[i].end; j++) {
      const a = enabled[i];
      const b = enabled[j];
      const end = a.end < b.end ? a.end : b.end;
      overlaps.push({ a: a.id, b: b.id, base: b.base, end, y0: 0, y1: 0 });
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
  // Free DRAM before the first and after the last region is free too.
  if (bars.length > 0) {
    for (const d of dram) {
      const inside = cuts.filter((c) => c >= d.base && c <= d.end);
      for (let i = 0; i + 1 < inside.length; i++) {
        const lo = inside[i];
        const hi = inside[i + 1];
        const used = bars.some((b) => b.base <= lo && hi <= b.end) || gaps.some((g) => g.base <= lo && hi <= g.end);
        if (!used) {
          const previous = free[free.length - 1];
          if (previous && previous.end === lo && previous.below === 'DRAM') {
            previous.end = hi;
            previous.y1 = at(hi);
          } else {
            free.push({ base: lo, end: hi, y0: at(lo), y1: at(hi), below: 'DRAM', above: 'DRAM' });
          }
        }
      }
    }
  }
  free.sort((p, q) => p.y0 - q.y0);

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
    if (region.ranges.length === 0) {
      unplaced.push({
        region: index, name: region.name, kind: kindOf(region), size: parseAddress(region.size),
        alignment: parseAddress(region.alignment),
        allocRanges: region.allocRanges.flatMap((r) => {
          const base = parseAddress(r.base);
          const end = parseAddress(r.end);
          return base !== null && end !== null ? [{ base, end }] : [];
        }),
        errors: count(region, 'error'), warnings: count(region, 'warning'), location: region.location,
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
