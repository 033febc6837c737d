/**
 * A value, or a promise of it. Backend interfaces answer with it so that an in-memory
 * implementation stays synchronous while a persistent or remote one may answer later; callers
 * `await` every answer and are correct either way.
 */
export type Awaitable<T> = T | Promise<T>;

/**
 * Tells a pending answer from a ready one, for the few places that must act in the same
 * synchronous step when the answer is ready.
 *
 * @param value - an answer
 * @returns whether it is a promise (any thenable)
 */
export function isPromiseLike<T>(value: Awaitable<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
