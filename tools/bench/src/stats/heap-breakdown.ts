/** The parts of a V8 heap snapshot (`.heapsnapshot` JSON) that a breakdown reads. */
export interface HeapSnapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: readonly string[]; readonly node_types: readonly [readonly string[], ...unknown[]] } };
  readonly nodes: readonly number[];
  readonly strings: readonly string[];
}

/** Objects of one kind in a heap: how many, and their own sizes added up. */
export interface HeapGroup {
  readonly count: number;
  readonly selfBytes: number;
}

/** One kind of object in the difference of two heaps, per unit (a connection, say). */
export interface HeapBreakdownRow {
  /** `Constructor` for objects, `closure name()` for functions, `(strings)`, `(code)`, … for the rest. */
  readonly kind: string;
  /** Objects of the kind per unit; `null` on the `(other)` row, which sums many kinds. */
  readonly countPerUnit: number | null;
  readonly bytesPerUnit: number;
}

/** Node types whose name says what the object is; the others are grouped by type alone. */
const NAMED_TYPES = new Set(['object', 'closure', 'native']);

/**
 * Adds up the own (shallow) size of every node of a heap snapshot by kind: objects by
 * constructor, closures by function name, native objects by name, everything else (strings,
 * arrays, compiled code, hidden internals) by node type.
 *
 * @param heap - a parsed `.heapsnapshot`
 * @returns count and bytes by kind
 * @throws Error when the snapshot lacks the fields a breakdown reads
 */
export function groupHeap(heap: HeapSnapshot): Map<string, HeapGroup> {
  const fields = heap.snapshot.meta.node_fields;
  const [typeNames] = heap.snapshot.meta.node_types;
  const [type, name, size] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  if (type === undefined || name === undefined || size === undefined || type < 0 || name < 0 || size < 0) {
    throw new Error('The heap snapshot has no type, name or self_size field.');
  }
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const typeName = typeNames[heap.nodes[i + type] ?? -1] ?? 'unknown';
    const kind = NAMED_TYPES.has(typeName)
      ? `${heap.strings[heap.nodes[i + name] ?? -1] ?? '?'}${typeName === 'closure' ? '()' : typeName === 'native' ? ' (native)' : ''}`
      : `(${typeName})`;
    const group = groups.get(kind);
    const bytes = heap.nodes[i + size] ?? 0;
    groups.set(kind, { count: (group?.count ?? 0) + 1, selfBytes: (group?.selfBytes ?? 0) + bytes });
  }
  return groups;
}

/**
 * What a heap gained between two snapshots, by kind and per unit, largest first; kinds that
 * shrank or grew by less than `minBytesPerUnit` are summed into one `(other)` row at the end.
 *
 * @param before - the groups of the first snapshot
 * @param after - the groups of the second
 * @param units - what the difference is divided by, e.g. the connections opened in between
 * @param minBytesPerUnit - the smallest share that gets a row of its own
 * @returns the rows; their bytes add up to the whole difference per unit
 * @throws RangeError when `units` is not positive
 */
export function heapBreakdown(before: ReadonlyMap<string, HeapGroup>, after: ReadonlyMap<string, HeapGroup>, units: number, minBytesPerUnit: number): HeapBreakdownRow[] {
  if (!(units > 0)) throw new RangeError(`Expected \`units\` to be positive, got ${units}.`);
  const rows: HeapBreakdownRow[] = [];
  let other = 0;
  for (const kind of new Set([...before.keys(), ...after.keys()])) {
    const bytesPerUnit = ((after.get(kind)?.selfBytes ?? 0) - (before.get(kind)?.selfBytes ?? 0)) / units;
    const countPerUnit = ((after.get(kind)?.count ?? 0) - (before.get(kind)?.count ?? 0)) / units;
    if (bytesPerUnit >= minBytesPerUnit) rows.push({ kind, countPerUnit, bytesPerUnit });
    else other += bytesPerUnit;
  }
  rows.sort((a, b) => b.bytesPerUnit - a.bytesPerUnit);
  return [...rows, { kind: '(other)', countPerUnit: null, bytesPerUnit: other }];
}
