/**
 * Whether an error means the database cannot be reached right now (PostgreSQL restarting, the
 * network between us down), as opposed to a fault of the statement or the data. A request that
 * meets one is answered 503 with Retry-After: the client tries again once the server is back.
 */

/** Socket errors of the driver's connection (node's `code`). */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * PostgreSQL's SQLSTATEs for a server that is going or not yet there: class 08 (connection
 * exception), admin_shutdown, crash_shutdown, cannot_connect_now (starting up, in recovery) and
 * too_many_connections.
 */
function isUnavailableState(state: string): boolean {
  return state.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(state);
}

/** What pg and pg-pool (and Kysely over them) say when the connection went away or never came. */
const driverMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Postgres connection has been discarded',
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, errors, cause } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    cause?: unknown;
  };
  if (
    typeof code === 'string' &&
    (socketCodes.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableState(code)))
  )
    return true;
  if (typeof message === 'string' && driverMessages.some((text) => message.startsWith(text))) return true;
  // Node reports a refused connection to a name with several addresses as an AggregateError.
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
