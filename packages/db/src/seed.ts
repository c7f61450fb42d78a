// `npm run seed -w @parley/db`: fills the configured database with the demo workspace.
import { createDb } from "./client";
import { seedDemo } from "./seed-demo";
import { writeFirstSignIns } from "./first-sign-ins";

const db = await createDb();
const seed = await seedDemo(db);
console.log(`seeded demo workspace ${seed.workspaceId} (flow ${seed.flowId})`);
if (seed.createdSignIns.length > 0) writeFirstSignIns(seed.createdSignIns);
await db.$disconnect();
