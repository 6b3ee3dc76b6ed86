// Start-up checks, run once when the server starts: a bad environment or an unusable store stops the server
// with a message that says what to fix, instead of a console that fails on every page.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/server/server-start");
  await startServer();
}
