import { z } from "zod";
import { DEFAULT_TASK_QUEUE } from "@parley/workflows/contracts";

const schema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default("localhost:7233"),
  TEMPORAL_NAMESPACE: z.string().min(1).default("default"),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  /** Comma-separated hosts HTTP request nodes may call (`*.example.com` allowed); empty: any. */
  PARLEY_HTTP_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((host) => host.trim()).filter(Boolean)),
});

export const workerEnv = schema.parse(process.env);
