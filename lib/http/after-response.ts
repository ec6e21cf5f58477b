import { after } from "next/server";

/**
 * Keeps work the request started alive after the answer is sent: on a serverless host the
 * function is not frozen until `work` settles. The work is already running, so outside a request
 * (a test or script calling the handler) there is nothing to extend and it simply goes on.
 */
export function afterResponse(work: Promise<unknown>): void {
  try {
    after(work);
  } catch {
    void work;
  }
}
