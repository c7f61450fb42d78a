/**
 * A second process writing to the same SQLite file, as the worker does next to the API: through
 * createDb, in a loop of interactive transactions, until its stdin closes. Prints "ready" after
 * its first write and exits 1 with the error on the first failed write.
 */
import { createDb } from "../../src";

const url = process.argv[2];
if (!url) throw new Error("usage: writer-process.ts <file: url>");
const db = await createDb(url);
let stopped = false;
process.stdin.on("end", () => (stopped = true));
process.stdin.resume();

let writes = 0;
try {
  while (!stopped) {
    await db.$transaction(async (tx) => {
      const count = await tx.workspace.count();
      await tx.workspace.create({ data: { slug: `writer-${process.pid}-${writes}`, name: `writer ${count}` } });
    });
    writes += 1;
    if (writes === 1) process.stdout.write("ready\n");
    // A breath between transactions, as between a worker's turns. SQLite's lock is not fair: a
    // process that takes it again within microseconds of releasing it can starve a waiting one
    // past any busy timeout (its busy handler polls with growing sleeps), which would test
    // SQLite's scheduling rather than our connection. Also lets stdin's "end" event in.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  process.stdout.write(`writes ${writes}\n`);
  await db.$disconnect();
} catch (error) {
  process.stderr.write(`write ${writes} failed: ${String(error)}\n`);
  process.exit(1);
}
