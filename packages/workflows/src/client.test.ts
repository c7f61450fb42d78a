import { describe, expect, it } from "vitest";
import { isUndeliveredUpdate } from "./client";

describe("isUndeliveredUpdate", () => {
  it("recognizes the update Temporal aborted with the task that continued as new, however deep the cause", () => {
    const grpc = new Error("9 FAILED_PRECONDITION: Unable to perform workflow execution update due to unexpected workflow task failure.");
    expect(isUndeliveredUpdate(new Error("Workflow Update failed", { cause: grpc }))).toBe(true);
  });

  it("leaves every other failure to the caller: a business error or a finished conversation is not retried", () => {
    expect(isUndeliveredUpdate(new Error("Workflow Update failed", { cause: new Error("the conversation has ended") }))).toBe(false);
    expect(isUndeliveredUpdate(new Error("workflow execution already completed"))).toBe(false);
    expect(isUndeliveredUpdate("unexpected workflow task failure")).toBe(false);
  });
});
