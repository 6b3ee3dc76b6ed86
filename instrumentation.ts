// Start-up checks, run once when the server starts: a bad environment or an unusable store stops the server
// with a message that says what to fix, instead of a console that fails on every page. Then SIGTERM and SIGINT stop
// the server gracefully (lib/server/shutdown.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/server/server-start");
  await startServer();
  // Only the real server takes over the signals: the tests call startServer() without it.
  const { installShutdown } = await import("@/lib/server/shutdown");
  installShutdown();
}
