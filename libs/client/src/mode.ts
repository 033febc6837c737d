/**
 * How the client learns about job status. Kept from the earlier API (`HeyGenStatusListenerMode.SSE`
 * and friends still read the same); values are now strings, and `LONG_POLL` is new.
 */
export const HeyGenStatusListenerMode = {
  /** SSE when the platform can stream a fetch response, polling otherwise and after SSE failures. */
  AUTO: 'AUTO',
  /** One Server-Sent Events stream for every watched job. */
  SSE: 'SSE',
  /** Batch status reads scheduled by the server's hints. */
  POLL: 'POLL',
  /** Batch status reads held by the server until a job changes, re-issued at once. */
  LONG_POLL: 'LONG_POLL',
} as const;

/** One of the {@link HeyGenStatusListenerMode} values. */
export type HeyGenStatusListenerMode = (typeof HeyGenStatusListenerMode)[keyof typeof HeyGenStatusListenerMode];

/** A concrete transport: what `AUTO` resolves to at any moment. */
export type Transport = Exclude<HeyGenStatusListenerMode, 'AUTO'>;
