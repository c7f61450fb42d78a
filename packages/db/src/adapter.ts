import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { SingleConnectionPrismaLibSQL } from "./sqlite-connection";

export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: or postgres(ql)://, got "${url.split(":")[0]}:"`);
}

/**
 * The driver adapter factory for a database URL, shared by the CLI config and the client. SQLite
 * gets one connection per adapter with the settings of sqlite-connection.ts.
 */
export function adapterFactory(url: string) {
  if (databaseKind(url) === "postgres") return new PrismaPg({ connectionString: url });
  const file = url.slice("file:".length);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new SingleConnectionPrismaLibSQL({ url });
}
