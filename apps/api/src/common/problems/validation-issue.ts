/** Where in the request a {@link ValidationIssue} was found. */
export type IssueLocation = 'body' | 'query' | 'path' | 'header';

/** One thing wrong with a request, listed in the `errors` member of a validation problem. */
export interface ValidationIssue {
  /** The part of the request at fault. */
  readonly in: IssueLocation;
  /** A JSON Pointer into the body (`/ids/2`, `` for the whole body), or the parameter or header name. */
  readonly name: string;
  /** What was wrong, in words. */
  readonly detail: string;
}
