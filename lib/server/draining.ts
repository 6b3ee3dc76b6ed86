// Requests in flight and draining: the route wrapper counts the API requests it runs, and once the server is shutting
// down it refuses new ones (503 shutting_down) while the shutdown waits for the counted ones to finish. Kept on
// globalThis: route bundles and instrumentation load their own copies of this module.
import "server-only";

interface Draining {
  draining: boolean;
  inFlight: number;
  /** Called whenever a request finishes while draining. */
  onIdle: Set<() => void>;
}

const holder = globalThis as { __redriveDraining?: Draining };
const state = (holder.__redriveDraining ??= { draining: false, inFlight: 0, onIdle: new Set() });

/** True once the server is shutting down: no new request should start. */
export function isDraining(): boolean {
  return state.draining;
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

/** Refuses new requests from now on; resolves once none is in flight. */
export function startDraining(): Promise<void> {
  state.draining = true;
  if (state.inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const idle = () => {
      state.onIdle.delete(idle);
      resolve();
    };
    state.onIdle.add(idle);
  });
}
