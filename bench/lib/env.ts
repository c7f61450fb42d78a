import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const benchEnv = z
  .object({ TEMPORAL_CLI: z.string().default(path.join(repoRoot, ".tools/pip/bin/temporal")) })
  .parse(process.env);
