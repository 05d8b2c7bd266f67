/**
 * A token's hash, remembered for the tokens clients keep presenting: a signed-in browser sends the
 * same cookie on every request, and hashing it each time was a visible share of a cheap request.
 * Bounded: past `max` entries it starts afresh. Only the hash decides anything — a token signed out
 * or expired finds no session under it — so remembering it grants nothing.
 */
export function rememberHashes(hash: (token: string) => string, max = 20_000): (token: string) => string {
  const hashes = new Map<string, string>();
  return (token) => {
    let hashed = hashes.get(token);
    if (hashed === undefined) {
      if (hashes.size >= max) hashes.clear();
      hashed = hash(token);
      hashes.set(token, hashed);
    }
    return hashed;
  };
}
