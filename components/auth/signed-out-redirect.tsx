"use client";
// When any API call answers 401 (the session expired or was ended elsewhere), leave for the sign-in page,
// remembering where to come back to. Watching the query and mutation caches catches it on the next poll or click.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import { isSignedOutError, useMe } from "@/lib/query/me";

let leaving = false;

function leaveForSignIn() {
  if (leaving) return;
  leaving = true;
  // A full navigation, so nothing of this session (cached answers, open requests) survives.
  window.location.assign(hrefs.signIn(`${window.location.pathname}${window.location.search}`));
}

export function SignedOutRedirect() {
  const queryClient = useQueryClient();
  const { error } = useMe();
  const signedOut = isSignedOutError(error);

  useEffect(() => {
    if (signedOut) leaveForSignIn();
  }, [signedOut]);

  useEffect(() => {
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error" && isSignedOutError(event.action.error)) leaveForSignIn();
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error" && isSignedOutError(event.action.error)) leaveForSignIn();
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient]);

  return null;
}
