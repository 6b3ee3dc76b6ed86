// The roles as options of a <select>, least privilege first.
import { ROLES } from "@/lib/query/me";
import type { SelectOption } from "@/components/ui/select-field";

export const ROLE_OPTIONS: readonly SelectOption[] = ROLES.map((role) => ({ value: role, label: role }));
