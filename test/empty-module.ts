// Stands in for `server-only` under Vitest, where modules run outside Next's server bundle.
export {};
