import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findJava, javaCandidates, noJavaMessage, onPath, parseJavaVersion } from '../../src/java';

test('java -version output of each scheme', () => {
  assert.equal(parseJavaVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment'), 17);
  assert.equal(parseJavaVersion('openjdk version "21" 2023-09-19'), 21);
  assert.equal(parseJavaVersion('java version "1.8.0_292"'), 8);
  assert.equal(parseJavaVersion('openjdk version "11.0.2-ea"'), 11);
  assert.equal(parseJavaVersion('no java here'), undefined);
});

test('the setting is the only candidate when set', () => {
  const candidates = javaCandidates('/opt/jdk-21', { JAVA_HOME: '/usr/lib/jvm/x', PATH: '/usr/bin' }, 'linux', () => true);
  assert.deepEqual(candidates.map((c) => [c.source, c.executable]), [['carveout.java.home', '/opt/jdk-21/bin/java']]);
});

test('JAVA_HOME before PATH', () => {
  const candidates = javaCandidates(null, { JAVA_HOME: '/usr/lib/jvm/jdk17', PATH: '/a:/usr/bin' }, 'linux',
    (f) => f === '/usr/bin/java');
  assert.deepEqual(candidates.map((c) => [c.source, c.executable]),
    [['JAVA_HOME', '/usr/lib/jvm/jdk17/bin/java'], ['PATH', '/usr/bin/java']]);
  assert.equal(onPath('java', { PATH: '/a:/b' }, 'linux', () => false), undefined);
});

test('an old Java is passed over, and the message names every place tried', async () => {
  const versions: Record<string, string> = {
    '/old/bin/java': 'openjdk version "11.0.2"',
    '/usr/bin/java': 'openjdk version "17.0.9"',
  };
  const candidates = javaCandidates(null, { JAVA_HOME: '/old', PATH: '/usr/bin' }, 'linux', (f) => f in versions);
  const found = await findJava(candidates, async (exe) => versions[exe], (f) => f in versions);
  assert.deepEqual(found.found, { source: 'PATH', executable: '/usr/bin/java', version: 17 });
  assert.deepEqual(found.rejected, ['/old/bin/java (from JAVA_HOME) is Java 11']);

  const none = await findJava(javaCandidates(null, { JAVA_HOME: '/old', PATH: '' }, 'linux', () => false),
    async () => undefined, (f) => f === '/old/bin/java');
  assert.equal(none.found, undefined);
  const message = noJavaMessage(none);
  assert.match(message, /Java 17 or newer/);
  assert.match(message, /\/old\/bin\/java \(from JAVA_HOME\) did not answer java -version/);
  assert.match(message, /no java on PATH/);
  assert.match(message, /carveout\.java\.home/);
});
