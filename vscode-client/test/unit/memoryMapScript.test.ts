// The logic of the memory-map drawing's script (the server's memory-map.js, which the view
// bundles and `carveout map --format html` inlines): reading the values the SVG carries for
// each zoom, stepping the zoom, the filter by kind, and the location a click sends the editor.
import assert from 'node:assert/strict';
import { test } from 'node:test';

interface Script {
  parseZoomed(text: string | null): Record<string, string[]>;
  valueAt(values: string[], level: number): string;
  stepZoom(level: number, step: number, count: number): number;
  locationOf(uri: string | null, range: string | null): unknown;
  isHidden(kind: string, disabled: boolean, hidden: string[]): boolean;
  fileName(board: string | null, format: string): string;
  start: unknown;
  browserHost: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-var-requires
const script: Script = require('../../../server/src/main/resources/io/carveout/workspace/memory-map.js');

test('loaded as a module it exports its functions and starts nothing', () => {
  assert.equal(typeof script.start, 'function');
  assert.equal(typeof script.browserHost, 'function');
});

test('the values of each zoom, as MemoryMapDrawing writes them in data-z', () => {
  const values = script.parseZoomed('y=120|240.5|481;height=8|16|32;transform=translate(0,10)|translate(0,20)|translate(0,40)');
  assert.deepEqual(Object.keys(values), ['y', 'height', 'transform']);
  assert.deepEqual(values.y, ['120', '240.5', '481']);
  assert.equal(script.valueAt(values.transform, 2), 'translate(0,40)');
  // a zoom past the values given keeps the last
  assert.equal(script.valueAt(values.height, 5), '32');
  assert.equal(script.valueAt(values.height, -1), '8');
  assert.deepEqual(script.parseZoomed('visibility=hidden|visible'), { visibility: ['hidden', 'visible'] });
  assert.deepEqual(script.parseZoomed(null), {});
  assert.deepEqual(script.parseZoomed(''), {});
});

test('the zoom steps within the zooms the drawing has', () => {
  assert.equal(script.stepZoom(0, 1, 6), 1);
  assert.equal(script.stepZoom(5, 1, 6), 5);
  assert.equal(script.stepZoom(0, -1, 6), 0);
  assert.equal(script.stepZoom(9, 0, 6), 5, 'a zoom kept from a larger drawing');
});

test('the filter hides a kind, and disabled regions on their own', () => {
  assert.equal(script.isHidden('nomap', false, ['nomap']), true);
  assert.equal(script.isHidden('cma', false, ['nomap']), false);
  assert.equal(script.isHidden('cma', true, ['disabled']), true);
  assert.equal(script.isHidden('cma', false, ['disabled']), false);
  assert.equal(script.isHidden('overlap', false, []), false);
});

test('a click sends the editor the LSP location the drawing carries', () => {
  assert.deepEqual(script.locationOf('file:///src/soc.dtsi', '34,2,37,3'), {
    uri: 'file:///src/soc.dtsi', range: { start: { line: 34, character: 2 }, end: { line: 37, character: 3 } },
  });
  assert.equal(script.locationOf(null, '1,2,3,4'), null);
  assert.deepEqual(script.locationOf('file:///a.dts', 'garbage'), {
    uri: 'file:///a.dts', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  });
});

test('a saved drawing is named after its board', () => {
  assert.equal(script.fileName('board.dts', 'svg'), 'board-memory-map.svg');
  assert.equal(script.fileName('sc7280-herobrine-evoker-lte.dts', 'html'), 'sc7280-herobrine-evoker-lte-memory-map.html');
  assert.equal(script.fileName(null, 'svg'), 'board-memory-map.svg');
});
