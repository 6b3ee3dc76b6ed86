// The store's tables (Drizzle). Migrations in ./migrations are generated from this file with `npm run db:generate`.
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Facts about this installation (its id, when the store was created); also what readiness checks read. */
export const storeMeta = pgTable("store_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
