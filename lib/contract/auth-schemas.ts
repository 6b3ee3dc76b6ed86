// Roles, users, API tokens and the signed-in caller on the wire: what an admin sends to create or change a user or a
// token, and what the API answers. The server validates with these; the Settings page and the menu read with them.
import { z } from "zod";

export const roles = ["viewer", "operator", "admin"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Usernames: letters, digits, '.', '_' and '-' (better-auth's sign-in is told the same rule). */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/;

export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(2, "at least 2 characters")
    .max(64, "at most 64 characters")
    .regex(USERNAME_PATTERN, "letters, digits, '.', '_' and '-' only"),
  name: z.string().trim().max(128).optional(),
  password: z.string().min(12, "at least 12 characters").max(256, "at most 256 characters"),
  role: roleSchema,
});
export type NewUser = z.infer<typeof newUserSchema>;

export const userChangeSchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(12, "at least 12 characters").max(256, "at most 256 characters").optional(),
  })
  .refine((c) => c.role !== undefined || c.disabled !== undefined || c.password !== undefined, { message: "nothing to change" });
export type UserChange = z.infer<typeof userChangeSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().nullish(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const MAX_TOKEN_DAYS = 3_650;

export const newTokenSchema = z.object({
  name: z.string().trim().min(1, "required").max(64, "at most 64 characters"),
  role: roleSchema,
  /** Days until the token stops working; absent or null: it never expires. */
  expiresInDays: z.number().int("whole days").min(1, "at least 1 day").max(MAX_TOKEN_DAYS, `at most ${MAX_TOKEN_DAYS} days`).nullish(),
});
export type NewToken = z.infer<typeof newTokenSchema>;

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullish(),
  expiresAt: z.string().nullish(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof tokenSchema>;

/** The answer to creating a token: the only time the secret itself is sent. */
export const createdTokenSchema = tokenSchema.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

/** GET /api/me: who the caller is, and whether by a session or an API token. */
export const meSchema = z.object({
  user: z.object({ id: z.string(), username: z.string(), name: z.string().nullish(), role: roleSchema }),
  via: z.enum(["session", "token"]),
});
export type Me = z.infer<typeof meSchema>;

/** POST /api/me/sign-out-everywhere: how many sessions ended. */
export const signedOutEverywhereSchema = z.object({ revoked: z.number().int() });
export type SignedOutEverywhere = z.infer<typeof signedOutEverywhereSchema>;
