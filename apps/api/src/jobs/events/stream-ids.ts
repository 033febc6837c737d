/**
 * Event ids on Redis are stream entry ids, `<ms>-<seq>`; on the wire and in the rest of the
 * server they are one decimal integer, `ms × 1000 + seq` (`seq` stays below 1000), the form every
 * driver's ids take. The two forms map one to one and keep their order.
 */

/**
 * @param id - an event id
 * @returns its stream entry id
 */
export function toStreamId(id: number): string {
  return `${Math.floor(id / 1000)}-${id % 1000}`;
}

/**
 * @param streamId - a stream entry id written by this server
 * @returns its event id
 */
export function fromStreamId(streamId: string): number {
  const dash = streamId.indexOf('-');
  return Number(streamId.slice(0, dash)) * 1000 + Number(streamId.slice(dash + 1));
}
