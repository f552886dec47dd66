import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hex, human, kindOf, layout, rowHeight } from '../../src/webview/layout';
import type { MemoryMap, Region } from '../../src/webview/model';

function region(name: string, base: number, size: number, extra: Partial<Region> = {}): Region {
  const b = BigInt(base);
  const s = BigInt(size);
  return {
    name, path: `/reserved-memory/${name}`, labels: [], status: null, enabled: true, kind: 'static', cma: false,
    noMap: true, reusable: false,
    ranges: [{ base: '0x' + b.toString(16), size: '0x' + s.toString(16), end: '0x' + (b + s).toString(16) }],
    size: null, alignment: null, allocRanges: [], bootLog: [], consumers: [], location: null, diagnostics: [], ...extra,
  };
}

// The shape of sc7280-herobrine-evoker-lte: rmtfs grown over adsp-rpc-remote-heap.
const map: MemoryMap = {
  uri: 'file:///b.dts', board: 'file:///b.dts', boards: ['file:///b.dts'],
  dram: [], dramKnown: false, memreserve: [],
  regions: [
    region('wpss@9ae00000', 0x9ae00000, 0x1900000),
    region('rmtfs@9c900000', 0x9c900000, 0x800000),
    region('adsp-rpc-remote-heap@9cb80000', 0x9cb80000, 0x800000),
    region('cma', 0, 0, { kind: 'dynamic', cma: true, noMap: false, reusable: true, ranges: [], size: '0x2000000', alignment: '0x400000' }),
    region('off@a0000000', 0xa0000000, 0x100000, { enabled: false, status: 'disabled' }),
  ],
  gaps: [{ base: '0x9c700000', size: '0x200000', end: '0x9c900000', below: 'wpss@9ae00000', above: 'rmtfs@9c900000' }],
};

test('overlapping regions are found and drawn side by side', () => {
  const shape = layout(map);
  assert.equal(shape.overlaps.length, 1);
  const [o] = shape.overlaps;
  assert.equal(shape.bars[o.a].name, 'rmtfs@9c900000');
  assert.equal(shape.bars[o.b].name, 'adsp-rpc-remote-heap@9cb80000');
  assert.equal(o.base, 0x9cb80000n);
  assert.equal(o.end, 0x9d100000n);
  assert.notEqual(shape.bars[o.a].lane, shape.bars[o.b].lane);
  assert.equal(shape.lanes, 2);
  assert.ok(shape.bars[o.a].overlaps && shape.bars[o.b].overlaps);
  assert.ok(!shape.bars[0].overlaps);
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

test('free DRAM around the regions is shown free', () => {
  const withDram: MemoryMap = { ...map, dramKnown: true, dram: [{ base: '0x80000000', size: '0x40000000', end: '0xc0000000' }] };
  const shape = layout(withDram);
  assert.equal(shape.breaks.length, 0);
  assert.equal(shape.free[0].base, 0x80000000n);
  assert.equal(shape.free[shape.free.length - 1].end, 0xc0000000n);
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
