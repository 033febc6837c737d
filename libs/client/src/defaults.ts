/**
 * `@heygen-mock/client/defaults`: the client's option defaults as data, for tools that pace,
 * size or compare themselves with the client (the workspace's benchmark scales them). A
 * separate entry, so that an application importing the client does not ship it.
 *
 * @packageDocumentation
 */
import { DEFAULTS } from './options.js';

const { fetch: _fetch, clock: _clock, ...values } = DEFAULTS;

/**
 * The default of every {@link HeyGenAPIOptions} value that has one (the injected `fetch` and
 * clock aside): what a client created with only a `url` uses.
 *
 * @example
 * import { DEFAULT_OPTIONS } from '@heygen-mock/client/defaults';
 * DEFAULT_OPTIONS.pollInterval; // 1000
 */
export const DEFAULT_OPTIONS = Object.freeze(values);
