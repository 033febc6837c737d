// Any RFC 9562 layout; the version is not checked so that a well-formed id of another version
// is simply unknown (404) rather than malformed (400).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tells whether a value is a UUID in its canonical 8-4-4-4-12 hexadecimal form.
 *
 * @param value - anything
 * @returns `true` for a UUID string, whatever its letter case
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
