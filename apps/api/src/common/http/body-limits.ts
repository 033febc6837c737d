/** Largest accepted request body, in bytes (16 KB). */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Largest accepted body of a batch read (64 KB): 1000 ids, the most a batch may list, take
 * about 39 KB as compact JSON and more when pretty-printed, so the general limit cannot apply.
 */
export const MAX_BATCH_BODY_BYTES = 64 * 1024;
