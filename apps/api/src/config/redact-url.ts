/**
 * A URL as it may be shown in a log line or an error: without its password.
 *
 * @param url - a URL, e.g. `REDIS_URL`
 * @returns the URL with its password, if any, replaced by `***`
 */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^/@]*):[^/@]*@/, '//$1:***@');
}
