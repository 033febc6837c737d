import { isHeyGenError } from '../errors/heygen-error.js';
import { makeJob } from '../testing/job.js';
import { parseJobEvent } from './parse-job-event.js';

describe('parseJobEvent', () => {
  it('reads the job of a job event', () => {
    const job = makeJob();
    expect(parseJobEvent(JSON.stringify(job))).toEqual(job);
  });

  it.each(['not json', '{"id":"x"}', 'null', '42', '{"status":"pending","updatedAt":"t"}'])(
    'rejects %s with a MessageParseError',
    (data) => {
      let error: unknown;
      try {
        parseJobEvent(data);
      } catch (e) {
        error = e;
      }
      expect(isHeyGenError(error, 'ERR_MESSAGE_PARSE')).toBe(true);
    },
  );
});
