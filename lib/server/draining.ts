// Requests in flight and draining: the route wrapper counts the API requests it runs, and the shutdown waits for the
// counted ones to finish. Where nothing closes the HTTP listener (NEXT_MANUAL_SIG_HANDLE), a server shutting down
// refuses new ones (503 shutting_down) instead; where Next closes it, a request it already accepted (its body still
// arriving, say) runs to its end. Kept on globalThis: route bundles and instrumentation load their own copies.
import "server-only";

interface Draining {
  refusing: boolean;
  inFlight: number;
  /** Called whenever a request finishes while draining. */
  onIdle: Set<() => void>;
}

const holder = globalThis as { __redriveDraining?: Draining };
const state = (holder.__redriveDraining ??= { refusing: false, inFlight: 0, onIdle: new Set() });

/** True once the server is shutting down with its listener still open: no new request should start. */
export function refusesRequests(): boolean {
  return state.refusing;
}

/** Runs `request`, counted as in flight until it settles. */
export async function countedRequest<T>(request: () => Promise<T>): Promise<T> {
  state.inFlight++;
  try {
    return await request();
  } finally {
    state.inFlight--;
    if (state.inFlight === 0) for (const idle of state.onIdle) idle();
  }
}

/** How many counted requests are running now. */
export function requestsInFlight(): number {
  return state.inFlight;
}

/** Resolves once no request is in flight; with `refuseNew`, new ones are refused from now on. */
export function startDraining(refuseNew: boolean): Promise<void> {
  state.refusing = refuseNew;
  if (state.inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const idle = () => {
      state.onIdle.delete(idle);
      resolve();
    };
    state.onIdle.add(idle);
  });
}
