// The store's tables (Drizzle). Migrations in ./migrations are generated from this file with `npm run db:generate`.
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Facts about this installation (its id, when the store was created); also what readiness checks read. */
export const storeMeta = pgTable("store_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Every release that opened this store (after migrating it): when it first and last did. The newest names who to upgrade
 * to when an older release refuses a store migrated past it (store-version.ts). */
export const storeRelease = pgTable("store_release", {
  version: text("version").primaryKey(),
  firstStartedAt: timestamp("first_started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  lastStartedAt: timestamp("last_started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
