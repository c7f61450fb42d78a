import { z } from "zod";
import { DEFAULT_TASK_QUEUE } from "@parley/workflows/contracts";

const schema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default("localhost:7233"),
  TEMPORAL_NAMESPACE: z.string().min(1).default("default"),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
});

export const workerEnv = schema.parse(process.env);
