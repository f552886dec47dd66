// The answer of the request carveout/memoryMap, the memory-map document of the README, and
// the messages between the extension and the Memory Map view.
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

export interface Diagnostic {
  severity: string;
  code: string;
  message: string;
  location?: LspLocation;
}

/** Where the kernel will put a region that has a size and no reg. */
export interface Placement {
  /** placed, failed, unknown or skipped */
  state: string;
  alignment: string;
  /** the predicted range, when placed */
  base?: string;
  size?: string;
  end?: string;
  bootLog?: string;
  explanation: string;
}

export interface Region {
  name: string;
  path: string;
  labels: string[];
  status: string;
  enabled: boolean;
  /** static, dynamic, static+dynamic or none */
  kind: string;
  cma: boolean;
  noMap: boolean;
  reusable: boolean;
  /** every reg entry */
  reg: AddressRange[];
  size?: string;
  alignment?: string;
  allocRanges: AddressRange[];
  bootLog: string[];
  consumers: string[];
  placement?: Placement;
  location?: LspLocation;
  diagnostics: Diagnostic[];
}

/** A region as an overlap names it: path and entry (the reg entry, or the /memreserve/ index). */
export interface RegionReference {
  name: string;
  path: string;
  entry: number;
}

/** Bytes two regions share, as the server's overlap rule reports them. */
export interface Overlap extends AddressRange {
  /** the region the finding is on, then the one it overlaps */
  regions: RegionReference[];
}

export interface Gap extends AddressRange {
  /** the region that ends where the gap starts; absent at the edge of DRAM */
  below?: string;
  /** the region that starts where the gap ends */
  above?: string;
}

/** The memory-map document (README), with the request's document URI and boards. */
export interface MemoryMap {
  uri: string;
  /** absent when no board is compiled from the document */
  board?: string;
  boards: string[];
  addressCells?: number;
  sizeCells?: number;
  dram?: { source: string; known: boolean; ranges: AddressRange[]; explanation: string };
  memreserve?: (AddressRange & { name: string; labels: string[]; location?: LspLocation })[];
  regions?: Region[];
  gaps?: Gap[];
  gapsExplanation?: string;
  overlaps?: Overlap[];
  diagnostics?: Diagnostic[];
}

/**
 * The answer of carveout/memoryMapDrawing: the memory map drawn by the server, the same SVG or
 * HTML as `carveout map --format svg|html`; no `drawing` when no board is compiled from the document.
 */
export interface MemoryMapDrawing {
  uri: string;
  board?: string | null;
  boards: string[];
  format: 'svg' | 'html';
  drawing?: string;
}

/** Messages from the extension to the view. */
export type ToView =
  | { type: 'map'; svg: string; document: string; note?: string }
  | { type: 'status'; text: string; document?: string };

/** Messages from the view to the extension. */
export type FromView =
  | { type: 'ready'; width: number }
  /** the view's width changed: the labels are broken over lines to fit it */
  | { type: 'resize'; width: number }
  | { type: 'reveal'; location: LspLocation }
  | { type: 'export'; format: 'svg' | 'html' };
