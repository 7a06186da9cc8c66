// Request ids: every request gets one, and logs, audit records and error references carry it.

// What a proxy's id may look like to be kept: short, and nothing that could forge a log line.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id for a request: the client's x-request-id only when a trusted proxy in front of Slipway
 * sets it (SLIPWAY_TRUST_PROXY=true) and it is a sane token; otherwise a fresh one, so a client
 * cannot choose the id its requests are logged and audited under.
 */
export function requestIdFor(incoming: string | null, trustProxy: boolean): string {
  if (trustProxy && incoming && SANE_REQUEST_ID.test(incoming)) return incoming;
  return crypto.randomUUID();
}
