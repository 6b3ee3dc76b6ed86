// The roles as options of a <select>, least privilege first.
import { roles } from "@/lib/contract/auth-schemas";
import type { SelectOption } from "@/components/ui/select-field";

export const ROLE_OPTIONS: readonly SelectOption[] = roles.map((role) => ({ value: role, label: role }));
