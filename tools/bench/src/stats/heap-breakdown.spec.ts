import { groupHeap, heapBreakdown, type HeapSnapshot } from './heap-breakdown.js';

/** A snapshot with V8's field layout and the given nodes: [type, name, self size]. */
function snapshot(nodes: readonly [string, string, number][]): HeapSnapshot {
  const types = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native'];
  const strings: string[] = [];
  const index = (s: string): number => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  return {
    snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'], node_types: [types] } },
    nodes: nodes.flatMap(([type, name, size], id) => [types.indexOf(type), index(name), id, size, 0, 0, 0]),
    strings,
  };
}

describe('groupHeap', () => {
  it('adds up own sizes by constructor, closure and native name, and by type for the rest', () => {
    const groups = groupHeap(
      snapshot([
        ['object', 'Socket', 200],
        ['object', 'Socket', 220],
        ['closure', 'onData', 64],
        ['native', 'TCP', 100],
        ['string', 'hello', 40],
        ['string', 'world', 48],
      ]),
    );
    expect(Object.fromEntries(groups)).toEqual({
      Socket: { count: 2, selfBytes: 420 },
      'onData()': { count: 1, selfBytes: 64 },
      'TCP (native)': { count: 1, selfBytes: 100 },
      '(string)': { count: 2, selfBytes: 88 },
    });
  });

  it('refuses a snapshot without the fields it reads', () => {
    const heap = { snapshot: { meta: { node_fields: ['id'], node_types: [[]] as [string[]] } }, nodes: [], strings: [] };
    expect(() => groupHeap(heap)).toThrow(/no type, name or self_size/);
  });
});

describe('heapBreakdown', () => {
  it('divides what each kind gained by the units, largest first, and sums small and shrinking kinds into (other)', () => {
    const before = groupHeap(snapshot([['object', 'Cache', 1000], ['object', 'Socket', 200]]));
    const after = groupHeap(
      snapshot([
        ['object', 'Cache', 900],
        ['object', 'Socket', 200],
        ['object', 'Socket', 200],
        ['object', 'Socket', 200],
        ['object', 'Timeout', 20],
        ['string', 'x', 4000],
      ]),
    );
    const rows = heapBreakdown(before, after, 2, 50);
    expect(rows).toEqual([
      { kind: '(string)', countPerUnit: 0.5, bytesPerUnit: 2000 },
      { kind: 'Socket', countPerUnit: 1, bytesPerUnit: 200 },
      { kind: '(other)', countPerUnit: null, bytesPerUnit: -40 },
    ]);
    // The rows account for the whole difference.
    expect(rows.reduce((sum, row) => sum + row.bytesPerUnit, 0)).toBe((4000 + 600 + 20 + 900 - 1200) / 2);
  });

  it('refuses to divide by no units', () => {
    expect(() => heapBreakdown(new Map(), new Map(), 0, 1)).toThrow(RangeError);
  });
});
