import { defineConfig } from "prisma/config";
import { dbEnv } from "./src/env";
import { adapterFactory, databaseKind } from "./src/adapter";
import { postgresMigrationAdapter } from "./src/postgres-migrations";

// The CLI (generate, migrate) runs on Prisma's JavaScript schema engine through the same driver
// adapter as the app, so nothing native is ever downloaded.
const kind = databaseKind(dbEnv.databaseUrl);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: kind === "postgres" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: {
    path: kind === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations",
  },
  adapter: async () =>
    kind === "postgres" ? postgresMigrationAdapter(dbEnv.databaseUrl) : adapterFactory(dbEnv.databaseUrl),
});
