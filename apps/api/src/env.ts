import { z } from "zod";
import { DEFAULT_TASK_QUEUE } from "@parley/workflows/contracts";

const schema = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  API_HOST: z.string().min(1).default("0.0.0.0"),
  /** Origins allowed to call the API from a browser (comma separated); `*` allows any. */
  API_CORS_ORIGINS: z.string().default("*"),
  TEMPORAL_ADDRESS: z.string().min(1).default("localhost:7233"),
  TEMPORAL_NAMESPACE: z.string().min(1).default("default"),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  /** Slug of the workspace this server acts for (no authentication yet). */
  PARLEY_WORKSPACE: z.string().min(1).default("demo"),
});

export const apiEnv = schema.parse(process.env);
