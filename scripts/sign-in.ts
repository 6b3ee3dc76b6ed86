// Signs in to a running console over HTTP and returns the session cookie ("name=value"), for scripts that
// read the API or drive a browser as a user (bench, screenshots).
export async function signInCookie(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ username, password }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!response.ok || !cookie) throw new Error(`signing in to ${baseUrl} as ${username} failed with ${response.status}`);
  return cookie;
}
