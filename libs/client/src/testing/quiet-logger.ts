import type { Logger } from '../logger.js';

const nothing = (): void => undefined;

/** A logger that drops everything, for tests that watch one method with a spy. */
export const quiet: Logger = { debug: nothing, info: nothing, warn: nothing, error: nothing };
