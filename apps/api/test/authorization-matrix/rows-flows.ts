/** The flow builder: flows, their versions and analytics overlay, the simulator, replay checks and test cases. Who may call each procedure (rows of ../authorization-matrix.test.ts). */
import { STAFF, MANAGERS, KEYS, WRITE_KEYS, type Principal } from "./principals";

export const flowRows: Record<string, Principal[]> = {
  "flows.list": [...STAFF, ...KEYS],
  "flows.get": [...STAFF, ...KEYS],
  "flows.customActivities": [...STAFF, ...KEYS],
  "flows.create": [...MANAGERS, ...WRITE_KEYS],
  "flows.saveDraft": [...MANAGERS, ...WRITE_KEYS],
  "flows.publish": [...MANAGERS, ...WRITE_KEYS],
  "flows.versions": [...STAFF, ...KEYS],
  /** Figures, never transcripts: whoever reads reports (not agents). */
  "flowAnalytics.nodes": ["owner", "admin", "supervisor", "analyst", ...KEYS],
  "flows.version": [...STAFF, ...KEYS],
  "flows.diff": [...STAFF, ...KEYS],
  "flows.restore": [...MANAGERS, ...WRITE_KEYS],
  "simulator.start": [...MANAGERS, ...WRITE_KEYS],
  "simulator.skip": [...MANAGERS, ...WRITE_KEYS],
  "simulator.stop": [...MANAGERS, ...WRITE_KEYS],
  "simulator.trace": [...MANAGERS, ...WRITE_KEYS],
  "simulator.rerun": [...MANAGERS, ...WRITE_KEYS],
  "replayChecks.start": [...MANAGERS, ...WRITE_KEYS],
  "replayChecks.get": [...MANAGERS, ...WRITE_KEYS],
  "replayChecks.cancel": [...MANAGERS, ...WRITE_KEYS],
  "testCases.list": [...STAFF, ...KEYS],
  "testCases.create": [...MANAGERS, ...WRITE_KEYS],
  "testCases.delete": [...MANAGERS, ...WRITE_KEYS],
  "testCases.run": [...MANAGERS, ...WRITE_KEYS],
  "testCases.runAll": [...MANAGERS, ...WRITE_KEYS],
  "flows.rename": [...MANAGERS, ...WRITE_KEYS],
  "flows.duplicate": [...MANAGERS, ...WRITE_KEYS],
  "flows.delete": [...MANAGERS, ...WRITE_KEYS],
};
