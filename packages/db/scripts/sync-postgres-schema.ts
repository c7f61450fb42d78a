// Writes prisma/postgres/schema.prisma from prisma/schema.prisma. Prisma fixes the provider per
// schema file, so the PostgreSQL deployment gets a generated twin with its own client and
// migrations; the models stay written once.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");

const target = source
  .replace(/^\/\/ Parley's application database[\s\S]*?\n\n/, "// GENERATED from ../schema.prisma by scripts/sync-postgres-schema.ts — edit that file instead.\n\n")
  .replace('output       = "../src/generated/sqlite"', 'output       = "../../src/generated/postgres"')
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('url      = "file:../../../data/parley.db"', 'url      = "postgresql://parley:parley@localhost:5432/parley"');

fs.mkdirSync(path.join(root, "prisma/postgres"), { recursive: true });
fs.writeFileSync(path.join(root, "prisma/postgres/schema.prisma"), target);
console.log("wrote prisma/postgres/schema.prisma");
