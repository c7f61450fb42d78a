// `npm run seed -w @parley/db`: fills the configured database with the demo workspace.
import { createDb } from "./client";
import { seedDemo } from "./seed-demo";

const db = await createDb();
const seed = await seedDemo(db);
console.log(`seeded demo workspace ${seed.workspaceId} (flow ${seed.flowId})`);
await db.$disconnect();
