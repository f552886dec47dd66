// The answer of the request carveout/memoryMap, as the README of the server documents it.
// Addresses and sizes are strings "0x..." because 64-bit values do not fit JSON numbers.

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

export interface AddressRange {
  base: string;
  size: string;
  /** exclusive */
  end: string;
}

export interface RegionDiagnostic {
  severity: string;
  code: string | null;
  message: string;
  location: LspLocation | null;
}

export interface Region {
  name: string;
  path: string;
  labels: string[];
  status: string | null;
  enabled: boolean;
  /** static, dynamic, static+dynamic or none */
  kind: string;
  cma: boolean;
  noMap: boolean;
  reusable: boolean;
  ranges: AddressRange[];
  size: string | null;
  alignment: string | null;
  allocRanges: AddressRange[];
  bootLog: string[];
  consumers: string[];
  location: LspLocation | null;
  diagnostics: RegionDiagnostic[];
}

export interface MemoryMap {
  uri: string;
  board: string | null;
  boards: string[];
  addressCells?: number;
  sizeCells?: number;
  dram?: AddressRange[];
  dramKnown?: boolean;
  memreserve?: (AddressRange & { location: LspLocation | null })[];
  regions?: Region[];
  gaps?: (AddressRange & { below: string; above: string })[];
}

/** Messages from the extension to the view. */
export type ToView =
  | { type: 'map'; map: MemoryMap; document: string }
  | { type: 'status'; text: string; document?: string };

/** Messages from the view to the extension. */
export type FromView =
  | { type: 'ready' }
  | { type: 'reveal'; location: LspLocation };
