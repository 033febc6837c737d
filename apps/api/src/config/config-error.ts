/** Thrown at start-up when an environment variable holds a value the server cannot use. */
export class ConfigError extends Error {
  override name = 'ConfigError' as const;
  /** Stable code for callers that branch on the failure. */
  readonly code = 'INVALID_CONFIG' as const;

  /**
   * @param variable - the environment variable at fault, named in the message
   * @param message - what was expected and what was found
   */
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}
