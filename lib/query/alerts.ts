// Alert rules (admin only): the list with each rule's state, and creating, changing, deleting and testing one.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  alertRuleSchema,
  alertTestResultSchema,
  type AlertRuleInput,
  type AlertRuleView,
  type AlertTestResult,
} from "@/lib/contract/alert-schemas";
import { apiGet, apiSend, encodePathSegment } from "./api-client";

// Rules change state in the server's evaluation rounds; a minute-old "firing" would mislead.
const ALERTS_REFETCH_MS = 10_000;

export const alertKeys = {
  all: () => ["alerts"] as const,
  list: () => [...alertKeys.all(), "list"] as const,
};

const rulePath = (id: string) => `/api/alerts/${encodePathSegment(id)}`;

export function fetchAlertRules(signal?: AbortSignal): Promise<AlertRuleView[]> {
  return apiGet("/api/alerts", z.array(alertRuleSchema), { signal });
}

export const alertRulesQuery = () =>
  queryOptions({ queryKey: alertKeys.list(), queryFn: ({ signal }) => fetchAlertRules(signal), refetchInterval: ALERTS_REFETCH_MS });

export const useAlertRules = () => useQuery(alertRulesQuery());

function useInvalidatingMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.all() }) });
}

export const useCreateAlertRule = () =>
  useInvalidatingMutation((rule: AlertRuleInput) => apiSend("POST", "/api/alerts", rule, alertRuleSchema));

export const useUpdateAlertRule = () =>
  useInvalidatingMutation(({ id, change }: { id: string; change: Partial<AlertRuleInput> }) =>
    apiSend("PATCH", rulePath(id), change, alertRuleSchema),
  );

export const useDeleteAlertRule = () => useInvalidatingMutation((id: string) => apiSend("DELETE", rulePath(id), undefined, z.undefined()));

/** A test notice changes nothing in the rule; the answer says whether the receiver took it. */
export const useSendTestNotice = () =>
  useMutation({ mutationFn: (id: string): Promise<AlertTestResult> => apiSend("POST", `${rulePath(id)}/test`, {}, alertTestResultSchema) });
