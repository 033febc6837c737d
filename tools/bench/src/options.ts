import type { ScenarioName } from './run-scenario.js';

/** Scenario groups that `--only` selects. */
export const GROUPS = ['latency', 'cost', 'server', 'throughput', 'store', 'abuse', 'bundle'] as const;

/** One of {@link GROUPS}. */
export type Group = (typeof GROUPS)[number];

/** The scenarios each group runs. */
export const GROUP_SCENARIOS: Readonly<Record<Group, readonly ScenarioName[]>> = {
  latency: ['latency'],
  cost: ['cost'],
  server: ['sse-capacity', 'fanout'],
  throughput: ['throughput'],
  store: ['store', 'redis-instances'],
  abuse: ['abuse-keys', 'abuse-event-loop', 'abuse-soak'],
  bundle: ['bundle'],
};

/** Command-line options of `nx run bench:run`. */
export interface BenchOptions {
  /** A run of seconds with small sizes, for CI. */
  readonly smoke: boolean;
  /** The groups to run. @default every group */
  readonly only: readonly Group[];
  /** Where to write the report, or `null` for the default of the mode. */
  readonly out: string | null;
}

/** Usage text printed with an option error. */
export const USAGE = `Usage: nx run bench:run [-- --smoke] [--only=${GROUPS.join(',')}] [--out=<dir>]`;

function truthy(value: string | undefined, name: string): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new TypeError(`Expected \`--${name}\` to be true or false.\n${USAGE}`);
}

/**
 * Reads the command-line arguments. Accepts `--flag`, `--flag=value` and `--name value`, as Nx
 * may forward either form.
 *
 * @param argv - arguments after the script name
 * @returns the options
 * @throws TypeError naming an unknown option or a bad value
 */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let smoke = false;
  let only: Group[] = [...GROUPS];
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new TypeError(`Unknown argument \`${arg}\`.\n${USAGE}`);
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new TypeError(`Expected \`--${flag}\` to have a value.\n${USAGE}`);
      return v;
    };
    if (flag === 'smoke') smoke = truthy(inline, flag);
    else if (flag === 'only') {
      const names = value().split(',').map((s) => s.trim());
      const unknown = names.filter((n) => !(GROUPS as readonly string[]).includes(n));
      if (unknown.length > 0) throw new TypeError(`Expected \`--only\` to list ${GROUPS.join(', ')}; got ${unknown.join(', ')}.\n${USAGE}`);
      only = GROUPS.filter((g) => names.includes(g));
    } else if (flag === 'out') out = value();
    else throw new TypeError(`Unknown option \`${arg}\`.\n${USAGE}`);
  }
  return { smoke, only, out };
}
