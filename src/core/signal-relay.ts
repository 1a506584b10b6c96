// A signal that follows the caller's only while a call runs, for a request that middlewares of the
// user's see: a Request follows its signal with a listener that goes only when the Request is
// garbage-collected, so the caller's own signal, given to many calls, would gather thousands of them.
// Loaded by the first helper call made under middlewares.

/** A signal that aborts with `caller`'s reason until `release()` (one listener on `caller`, removed then). */
export function relaySignal(caller: AbortSignal): { signal: AbortSignal; release: () => void } {
  const relay = new AbortController();
  const abort = () => relay.abort(caller.reason);
  if (caller.aborted) abort();
  else caller.addEventListener("abort", abort, { once: true });
  return { signal: relay.signal, release: () => caller.removeEventListener("abort", abort) };
}
