import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

/**
 * The PostgreSQL driver adapter for the Prisma CLI's JavaScript schema engine, with two fixes
 * that adapter-pg 6.19 needs before `migrate deploy` works:
 *
 * 1. The schema engine reads pg_catalog, whose `name` (OID 19) and `"char"` (OID 18) columns the
 *    adapter cannot deserialize (prisma/prisma#27403). They are text for its purposes, so result
 *    columns of those types are reported as text (OID 25).
 * 2. The adapter splits migration scripts on every `;`, which breaks `$$`-quoted PL/pgSQL bodies
 *    (our immutability trigger). PostgreSQL's simple query protocol runs a whole
 *    multi-statement script in one call, so the script is sent as it is.
 *
 * The app's runtime client does not need either fix and uses plain PrismaPg.
 */
const TEXT_OID = 25;
const TEXT_LIKE_OIDS = new Set([18, 19]);

interface FieldsCarrier {
  fields?: { dataTypeID: number }[];
}

function reportTextLikeAsText<T>(result: T): T {
  for (const part of (Array.isArray(result) ? result : [result]) as FieldsCarrier[]) {
    for (const field of part?.fields ?? []) {
      if (TEXT_LIKE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogFriendlyClient extends pg.Client {
  // pg's query() has many overloads (callback or promise); wrap whichever form is used.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: unknown) => last(err, err ? res : reportTextLikeAsText(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as (...a: any[]) => any)(...args);
    return result && typeof result.then === "function" ? result.then(reportTextLikeAsText) : result;
  }
}

interface ScriptRunner {
  executeScript(script: string): Promise<void>;
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
}

class WholeScriptPrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const runner = adapter as unknown as ScriptRunner;
    runner.executeScript = async (script: string) => {
      try {
        await runner.client.query(script);
      } catch (error) {
        runner.onError(error);
      }
    };
    return adapter;
  }
}

export function postgresMigrationAdapter(url: string) {
  return new WholeScriptPrismaPg(new pg.Pool({ connectionString: url, Client: CatalogFriendlyClient }));
}
