// The editor's half of carveout's settings: the keys of .carveout.json's schema, read
// from VS Code's "carveout" section. Only the values a user really set are sent: the
// server merges them with .carveout.json, and sending VS Code's defaults for every key
// would hide what a .carveout.json says.
import * as path from 'node:path';
import schema from '../schemas/carveout.schema.json';

/** The keys the server understands, in the schema's order. */
export const SETTING_KEYS: readonly string[] = Object.keys(schema.properties);

/** What VS Code's WorkspaceConfiguration.inspect returns, in the part used here. */
export interface Inspected {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The settings object for the server: each key set at some level (the most specific
 * wins, as in VS Code), relative include paths and `${workspaceFolder}` resolved
 * against the folder, since the server has no folder for editor settings.
 */
export function explicitSettings(inspect: (key: string) => Inspected | undefined,
  folder: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const seen = inspect(key);
    if (!seen) {
      continue;
    }
    const value = seen.workspaceFolderValue ?? seen.workspaceValue ?? seen.globalValue;
    if (value === undefined || value === null) {
      continue;
    }
    out[key] = key === 'includePaths' && Array.isArray(value) ? value.map((p) => resolvePath(String(p), folder)) : value;
  }
  return out;
}

function resolvePath(value: string, folder: string | undefined): string {
  const substituted = folder ? value.replace(/\$\{workspaceFolder\}/g, folder) : value;
  return folder && !path.isAbsolute(substituted) ? path.join(folder, substituted) : substituted;
}
