"use client";
// The sign-in form: username and password to better-auth, then a full navigation to where the user was going.
import { useId, useState, type FormEvent } from "react";
import { useSignIn } from "@/lib/query/auth";
import { Button } from "@/components/ui/button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { TextField } from "@/components/ui/text-field";
import { describeSignInError } from "./describe-sign-in-error";

export function SignInForm({ next, labelledBy }: { next: string; labelledBy: string }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useSignIn();
  const errorId = useId();
  // Stay disabled after success too: the page is about to be replaced.
  const busy = signIn.isPending || signIn.isSuccess;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    signIn.mutate(
      { username: username.trim(), password },
      // A full navigation, so the console starts with the new session's cookie and an empty cache.
      { onSuccess: () => window.location.assign(next) },
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-labelledby={labelledBy}
      aria-describedby={signIn.isError ? errorId : undefined}
      className="flex flex-col gap-4"
    >
      {signIn.isError ? (
        <div id={errorId}>
          <ErrorAlert>{describeSignInError(signIn.error)}</ErrorAlert>
        </div>
      ) : null}
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        required
        autoFocus
        value={username}
        onChange={(event) => setUsername(event.target.value)}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Button type="submit" variant="primary" disabled={busy} aria-busy={busy} className="mt-1 w-full">
        Sign in
      </Button>
    </form>
  );
}
