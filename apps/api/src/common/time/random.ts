/** A source of uniformly distributed numbers in [0, 1), injectable so that tests are repeatable. */
export type RandomSource = () => number;

/** Dependency-injection token for the {@link RandomSource}. */
export const RANDOM = Symbol('RANDOM');
