"use client";
// Switches between light and dark, pinning the choice in localStorage and a cookie the root layout reads.
import { useEffect } from "react";
import { THEME_COOKIE, THEME_STORAGE_KEY, parseTheme, type Theme } from "./theme";

function applyTheme(theme: Theme) {
  const root = document.documentElement;
  root.classList.remove("light", "dark");
  root.classList.add(theme);
  document.cookie = `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

function currentTheme(): Theme {
  const root = document.documentElement;
  if (root.classList.contains("dark")) return "dark";
  if (root.classList.contains("light")) return "light";
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function ThemeToggle() {
  // A choice saved before cookies were cleared still wins; this can flash once, which is acceptable.
  useEffect(() => {
    const stored = parseTheme(window.localStorage.getItem(THEME_STORAGE_KEY));
    const root = document.documentElement;
    if (stored && !root.classList.contains(stored)) applyTheme(stored);
  }, []);

  function toggle() {
    const next: Theme = currentTheme() === "dark" ? "light" : "dark";
    window.localStorage.setItem(THEME_STORAGE_KEY, next);
    applyTheme(next);
  }

  return (
    <button
      type="button"
      onClick={toggle}
      aria-label="Toggle theme"
      title="Toggle light/dark theme"
      className="inline-flex size-8 shrink-0 items-center justify-center rounded-md border border-border text-muted hover:bg-surface-2 hover:text-fg"
    >
      <svg className="theme-icon-light size-4" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
        <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z" strokeLinejoin="round" />
      </svg>
      <svg className="theme-icon-dark size-4" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
        <circle cx="8" cy="8" r="3" />
        <path d="M8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1" strokeLinecap="round" />
      </svg>
    </button>
  );
}
