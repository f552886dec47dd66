import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hex, human, kindOf, layout, rowHeight } from '../../src/webview/layout';
import type { AddressRange, MemoryMap, Region } from '../../src/webview/model';

function range(base: bigint, size: bigint): AddressRange {
  return { base: '0x' + base.toString(16), size: '0x' + size.toString(16), end: '0x' + (base + size).toString(16) };
}

function region(name: string, base: number, size: number, extra: Partial<Region> = {}): Region {
  return {
    name, path: `/reserved-memory/${name}`, labels: [], status: 'okay', enabled: true, kind: 'static', cma: false,
    noMap: true, reusable: false, reg: [range(BigInt(base), BigInt(size))],
    allocRanges: [], bootLog: [], consumers: [], diagnostics: [], ...extra,
  };
}

// The shape of sc7280-herobrine-evoker-lte: rmtfs grown over adsp-rpc-remote-heap, as the
// server's document gives it (the overlap and the gap are the server's).
const map: MemoryMap = {
  uri: 'file:///b.dts', board: 'file:///b.dts', boards: ['file:///b.dts'],
  dram: { source: 'unknown', known: false, ranges: [], explanation: 'DRAM is unknown' }, memreserve: [],
  regions: [
    region('wpss@9ae00000', 0x9ae00000, 0x1900000),
    region('rmtfs@9c900000', 0x9c900000, 0x800000),
    region('adsp-rpc-remote-heap@9cb80000', 0x9cb80000, 0x800000),
    region('cma', 0, 0, { kind: 'dynamic', cma: true, noMap: false, reusable: true, reg: [], size: '0x2000000', alignment: '0x400000' }),
    region('off@a0000000', 0xa0000000, 0x100000, { enabled: false, status: 'disabled' }),
  ],
  gaps: [{ ...range(0x9c700000n, 0x200000n), below: 'wpss@9ae00000', above: 'rmtfs@9c900000' }],
  overlaps: [{
    ...range(0x9cb80000n, 0x580000n),
    regions: [
      { name: 'adsp-rpc-remote-heap@9cb80000', path: '/reserved-memory/adsp-rpc-remote-heap@9cb80000', entry: 0 },
      { name: 'rmtfs@9c900000', path: '/reserved-memory/rmtfs@9c900000', entry: 0 },
    ],
  }],
};

test('the overlaps the server reports are drawn side by side', () => {
  const shape = layout(map);
  assert.equal(shape.overlaps.length, 1);
  const [o] = shape.overlaps;
  assert.equal(shape.bars[o.a].name, 'adsp-rpc-remote-heap@9cb80000');
  assert.equal(shape.bars[o.b].name, 'rmtfs@9c900000');
  assert.equal(o.base, 0x9cb80000n);
  assert.equal(o.end, 0x9d100000n);
  assert.notEqual(shape.bars[o.a].lane, shape.bars[o.b].lane);
  assert.equal(shape.lanes, 2);
  assert.ok(shape.bars[o.a].overlaps && shape.bars[o.b].overlaps);
  assert.ok(!shape.bars[0].overlaps);
});

test('bars that share bytes are no overlap unless the server says so (the rule set to off)', () => {
  const shape = layout({ ...map, overlaps: [] });
  assert.equal(shape.overlaps.length, 0);
  assert.ok(shape.bars.every((b) => !b.overlaps));
  // still drawn side by side, so that neither hides the other
  assert.equal(shape.lanes, 2);
});

test('the axis grows downwards and every bar is visible', () => {
  const shape = layout(map);
  for (const bar of shape.bars) {
    assert.ok(bar.y1 - bar.y0 >= 16, `${bar.name} is ${bar.y1 - bar.y0} px`);
  }
  const ys = shape.ticks.map((t) => t.y);
  assert.deepEqual(ys, [...ys].sort((a, b) => a - b));
  assert.equal(shape.free.length, 1);
  assert.equal(shape.free[0].y0, shape.bars[0].y1);
  // nothing is known between the disabled region and the rest: a cut in the axis
  assert.equal(shape.breaks.length, 1);
  assert.equal(shape.breaks[0].base, 0x9d380000n);
});

test('regions without an address are listed, with their kind', () => {
  const shape = layout(map);
  assert.deepEqual(shape.unplaced.map((u) => [u.name, u.kind, u.size, u.alignment]), [['cma', 'cma', 0x2000000n, 0x400000n]]);
  assert.equal(kindOf(map.regions![0]), 'nomap');
  assert.equal(kindOf({ ...map.regions![0], noMap: false }), 'map');
  assert.ok(shape.bars.find((b) => b.name === 'off@a0000000' && !b.enabled));
});

test('a dynamic region is drawn where the server predicts it, and still listed', () => {
  const placed: MemoryMap = {
    ...map,
    regions: map.regions!.map((r) => r.name !== 'cma' ? r : {
      ...r, placement: { state: 'placed', alignment: '0x400000', ...range(0x9e000000n, 0x2000000n), explanation: 'predicted' },
    }),
  };
  const shape = layout(placed);
  const bar = shape.bars.find((b) => b.name === 'cma');
  assert.ok(bar && bar.entry === null && bar.kind === 'cma' && bar.base === 0x9e000000n && bar.end === 0xa0000000n);
  assert.deepEqual(shape.unplaced.map((u) => [u.name, u.placement]), [['cma', 'predicted']]);
});

test('free DRAM around the regions is shown free, as the server gives it', () => {
  // with DRAM known the server's gaps are DRAM minus what is taken, from the bank's start to its end
  const withDram: MemoryMap = {
    ...map,
    dram: { source: 'memory_nodes', known: true, ranges: [range(0x80000000n, 0x40000000n)], explanation: 'DRAM from reg of /memory' },
    gaps: [
      { ...range(0x80000000n, 0x1ae00000n), above: 'wpss@9ae00000' },
      { ...range(0x9c700000n, 0x200000n), below: 'wpss@9ae00000', above: 'rmtfs@9c900000' },
      { ...range(0x9d380000n, 0x2c80000n), below: 'adsp-rpc-remote-heap@9cb80000' },
      { ...range(0xa0000000n, 0x20000000n) },
    ],
  };
  const shape = layout(withDram);
  assert.equal(shape.breaks.length, 0);
  assert.equal(shape.free[0].base, 0x80000000n);
  assert.equal(shape.free[shape.free.length - 1].end, 0xc0000000n);
  assert.equal(shape.free.length, 4, 'no free range of its own: the ones given');
  assert.equal(shape.dram.length, 1);
});

test('numbers as the boot log and the hover print them', () => {
  assert.equal(hex(0x9c900000n, 8), '0x9c900000');
  assert.equal(hex(0x4cd000n, 16), '0x00000000004cd000');
  assert.equal(human(0x800000n), '8 MiB');
  assert.equal(human(0x60000n), '384 KiB');
  assert.equal(human(0xa0000000n), '2.5 GiB');
  assert.equal(human(100n), '100 bytes');
  assert.equal(rowHeight(0x1000n), 16);
  assert.equal(rowHeight(0x100000n), 48);
  assert.equal(rowHeight(0x80000000n), 80);
});
