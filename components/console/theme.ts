// The pinned colour theme: stored in a cookie (so the server renders it) and in localStorage.
export type Theme = "light" | "dark";

export const THEME_COOKIE = "redrive-theme";
export const THEME_STORAGE_KEY = "redrive-theme";

export function parseTheme(value: string | null | undefined): Theme | null {
  return value === "light" || value === "dark" ? value : null;
}
