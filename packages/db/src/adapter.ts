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

/** @prisma/adapter-pg's factory, telling who asks which adapter Prisma connected through. */
export class ObservedPrismaPg extends PrismaPg {
  /** Called with the adapter once Prisma has connected (raw-writes.ts uses the same one). */
  onConnect?: (adapter: Awaited<ReturnType<PrismaPg["connect"]>>) => void;

  override async connect(): ReturnType<PrismaPg["connect"]> {
    const adapter = await super.connect();
    this.onConnect?.(adapter);
    return adapter;
  }
}

/**
 * The driver adapter factory for a database URL, shared by the CLI config and the client. SQLite
 * gets one connection per adapter with the settings of sqlite-connection.ts.
 */
export function adapterFactory(url: string) {
  if (databaseKind(url) === "postgres") return new ObservedPrismaPg({ connectionString: url });
  const file = url.slice("file:".length);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new SingleConnectionPrismaLibSQL({ url });
}
