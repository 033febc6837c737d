/**
 * A map that keeps recently used entries and forgets the others, in bounded memory: an
 * approximation of least-recently-used eviction in two generations (the scheme of `hashlru` and
 * `quick-lru`). New and used entries go to the current generation; when it holds `capacity`
 * entries it becomes the previous one, and the previous one is dropped. An entry is kept while
 * it is used at least once per generation, and at most `2 × capacity` entries are held.
 *
 * A hit in the current generation is one `Map` lookup, with nothing to reorder.
 *
 * @example
 * ```ts
 * const ids = new LruMap<string, string>(1_000);
 * const id = ids.get(key) ?? ids.set(key, derive(key));
 * ```
 */
export class LruMap<K, V> {
  #current = new Map<K, V>();
  #previous = new Map<K, V>();

  /**
   * @param capacity - entries per generation, a positive integer
   * @throws {RangeError} when `capacity` is not a positive integer
   */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`Expected \`capacity\` to be a positive integer, got ${capacity}.`);
  }

  /** How many entries are held, at most `2 × capacity`. */
  get size(): number {
    return this.#current.size + this.#previous.size;
  }

  /**
   * @param key - the key
   * @returns its value, now recently used, or `undefined`
   */
  get(key: K): V | undefined {
    const value = this.#current.get(key);
    if (value !== undefined) return value;
    const older = this.#previous.get(key);
    if (older !== undefined) {
      this.#previous.delete(key);
      this.#keep(key, older);
    }
    return older;
  }

  /**
   * Keeps `value` under `key` as a recently used entry.
   *
   * @param key - the key
   * @param value - its value
   * @returns `value`
   */
  set(key: K, value: V): V {
    if (this.#current.has(key)) {
      this.#current.set(key, value);
    } else {
      this.#previous.delete(key);
      this.#keep(key, value);
    }
    return value;
  }

  #keep(key: K, value: V): void {
    this.#current.set(key, value);
    if (this.#current.size >= this.capacity) {
      this.#previous = this.#current;
      this.#current = new Map();
    }
  }
}
