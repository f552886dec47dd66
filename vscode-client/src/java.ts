// Finds the Java that runs the language server: the setting carveout.java.home, else
// JAVA_HOME, else `java` on PATH. Kept free of the vscode API so it is tested in plain Node.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const MINIMUM_JAVA = 17;

export type JavaSource = 'carveout.java.home' | 'JAVA_HOME' | 'PATH';

export interface JavaCandidate {
  source: JavaSource;
  /** the java executable, or undefined when the source names nothing usable */
  executable: string | undefined;
  /** what the source was set to, for messages */
  origin: string;
}

export interface FoundJava {
  source: JavaSource;
  executable: string;
  version: number;
}

export interface JavaSearch {
  found?: FoundJava;
  /** one line per candidate that was not good enough, for the message to the user */
  rejected: string[];
}

function javaIn(home: string, platform: NodeJS.Platform): string {
  return path.join(home, 'bin', platform === 'win32' ? 'java.exe' : 'java');
}

/** The executable `name` as the shell would find it on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = existsSync): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? '';
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of pathVar.split(platform === 'win32' ? ';' : ':')) {
    if (!dir) {
      continue;
    }
    for (const extension of extensions) {
      const file = path.join(dir, name + extension.toLowerCase());
      if (exists(file)) {
        return file;
      }
    }
  }
  return undefined;
}

/**
 * The places to look, in order. When the user set carveout.java.home only that one is
 * tried: silently running another Java would hide the mistake in the setting.
 */
export function javaCandidates(javaHomeSetting: string | null | undefined, env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform, exists: (file: string) => boolean = existsSync): JavaCandidate[] {
  if (javaHomeSetting && javaHomeSetting.trim()) {
    const home = javaHomeSetting.trim();
    return [{ source: 'carveout.java.home', executable: javaIn(home, platform), origin: home }];
  }
  const candidates: JavaCandidate[] = [];
  if (env.JAVA_HOME && env.JAVA_HOME.trim()) {
    candidates.push({ source: 'JAVA_HOME', executable: javaIn(env.JAVA_HOME.trim(), platform), origin: env.JAVA_HOME.trim() });
  }
  const fromPath = onPath('java', env, platform, exists);
  candidates.push({ source: 'PATH', executable: fromPath, origin: fromPath ?? 'java' });
  return candidates;
}

/**
 * The feature version in the output of `java -version`: `openjdk version "17.0.15"` is 17,
 * the old scheme `java version "1.8.0_292"` is 8.
 */
export function parseJavaVersion(output: string): number | undefined {
  const match = /version\s+"([^"]+)"/.exec(output);
  if (!match) {
    return undefined;
  }
  const parts = match[1].split(/[._+-]/);
  const first = Number.parseInt(parts[0], 10);
  if (Number.isNaN(first)) {
    return undefined;
  }
  return first === 1 && parts.length > 1 ? Number.parseInt(parts[1], 10) : first;
}

/** Runs `java -version`; the version text goes to stderr. */
export function runJavaVersion(executable: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(executable, ['-version'], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve(error && !stderr ? undefined : `${stderr}\n${stdout}`);
    });
  });
}

/** The first candidate whose `java -version` says 17 or newer. */
export async function findJava(candidates: JavaCandidate[],
  run: (executable: string) => Promise<string | undefined> = runJavaVersion,
  exists: (file: string) => boolean = existsSync): Promise<JavaSearch> {
  const rejected: string[] = [];
  for (const candidate of candidates) {
    if (!candidate.executable || !exists(candidate.executable)) {
      rejected.push(candidate.source === 'PATH'
        ? 'no java on PATH'
        : `${candidate.source} is ${candidate.origin}, which has no bin/java`);
      continue;
    }
    const output = await run(candidate.executable);
    const version = output === undefined ? undefined : parseJavaVersion(output);
    if (version === undefined) {
      rejected.push(`${candidate.executable} (from ${candidate.source}) did not answer java -version`);
    } else if (version < MINIMUM_JAVA) {
      rejected.push(`${candidate.executable} (from ${candidate.source}) is Java ${version}`);
    } else {
      return { found: { source: candidate.source, executable: candidate.executable, version }, rejected };
    }
  }
  return { rejected };
}

/** The message shown when no Java is good enough. */
export function noJavaMessage(search: JavaSearch): string {
  return `carveout needs Java ${MINIMUM_JAVA} or newer to run its language server, and found none: `
    + `${search.rejected.join('; ')}. Install a JDK ${MINIMUM_JAVA}+ (for example apt-get install openjdk-17-jre-headless) `
    + 'or set carveout.java.home to its folder, then run "carveout: Restart Language Server".';
}
