// Console users (admin only): the list, creating one, and changing a user's role, password or disabled flag.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { userSchema, type NewUser, type User, type UserChange } from "@/lib/contract/auth-schemas";
import { apiGet, apiSend, encodePathSegment } from "./api-client";
import { meKeys } from "./me";

export const userKeys = {
  all: () => ["users"] as const,
  list: () => [...userKeys.all(), "list"] as const,
};

export function fetchUsers(signal?: AbortSignal): Promise<User[]> {
  return apiGet("/api/users", z.array(userSchema), { signal });
}

export function createUser(user: NewUser): Promise<User> {
  return apiSend("POST", "/api/users", user, userSchema);
}

export function updateUser(id: string, change: UserChange): Promise<User> {
  return apiSend("PATCH", `/api/users/${encodePathSegment(id)}`, change, userSchema);
}

export const usersQuery = () =>
  queryOptions({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => fetchUsers(signal),
  });

export function useUsers() {
  return useQuery(usersQuery());
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    // Refetch after a failure too: a 409 means someone else changed the list.
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all() }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UserChange }) => updateUser(id, change),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: userKeys.all() }),
        // An admin may have changed their own role, which changes what the console shows them.
        queryClient.invalidateQueries({ queryKey: meKeys.all() }),
      ]),
  });
}
