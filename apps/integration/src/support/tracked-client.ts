import { HeyGenAPI, type HeyGenAPIOptions } from '@heygen-mock/client';
import { JobTracker } from '../scenario/job-tracker.js';

/**
 * Runs a scenario with a new client and a tracker on it, and disposes of both afterwards,
 * whether the scenario passed or threw, so that no test leaves a stream or a timer behind.
 *
 * @param options - the client's options
 * @param scenario - the test body
 * @returns what the scenario returns
 */
export async function withTrackedClient<T>(
  options: HeyGenAPIOptions,
  scenario: (client: HeyGenAPI, tracker: JobTracker) => Promise<T>,
): Promise<T> {
  const client = new HeyGenAPI(options);
  const tracker = new JobTracker(client);
  try {
    return await scenario(client, tracker);
  } finally {
    tracker.close();
    client.dispose();
  }
}
