import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { boardItems, nothingToChoose, SET_BOARD_IN_CONTEXT } from '../../src/boardChoice';

const soc = 'file:///src/arch/arm64/boot/dts/vendor/soc.dtsi';
const boardA = 'file:///src/arch/arm64/boot/dts/vendor/board-a.dts';
const boardB = 'file:///src/arch/arm64/boot/dts/vendor/board%20b.dts';

test('the board in context comes first and says so; the others keep the server\'s order', () => {
  const items = boardItems({ board: boardB, boards: [boardA, boardB] }, (uri) => uri.replace('file:///src/', ''));
  assert.deepEqual(items, [
    { label: 'board b.dts', description: 'arch/arm64/boot/dts/vendor/board%20b.dts (read in now)', board: boardB },
    { label: 'board-a.dts', description: 'arch/arm64/boot/dts/vendor/board-a.dts', board: boardA },
  ]);
});

test('a file in no board, or a board itself, has nothing to choose', () => {
  assert.match(nothingToChoose({ uri: soc, boards: [] }) ?? '', /soc\.dtsi is in no board/);
  assert.match(nothingToChoose({ uri: boardA, boards: [boardA] }) ?? '', /board-a\.dts is a board/);
  assert.equal(nothingToChoose({ uri: soc, boards: [boardA] }), undefined);
});

test('the command is contributed, and is not the server\'s own (which the language client registers)', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.ok(commands.includes('carveout.chooseBoard'));
  assert.ok(!commands.includes(SET_BOARD_IN_CONTEXT));
});
