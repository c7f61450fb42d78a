import { describe, expect, it } from "vitest";
import { placeFinal, placePartial, type HelperLoad } from "./pool-dispatch";

const ready = (inFlight = 0): HelperLoad => ({ state: "ready", inFlight });
const loading = (inFlight = 0): HelperLoad => ({ state: "loading", inFlight });
const cold = (): HelperLoad => ({ state: "cold", inFlight: 0 });

describe("placeFinal", () => {
  it("starts the first helper of a cold pool, and only that one", () => {
    expect(placeFinal([cold(), cold()])).toEqual({ index: 0 });
  });

  it("sends finals to the least busy running helper", () => {
    expect(placeFinal([ready(1), ready(0)])).toEqual({ index: 1 });
    expect(placeFinal([ready(2), ready(1), ready(3)])).toEqual({ index: 1 });
    expect(placeFinal([ready(0), ready(0)])).toEqual({ index: 0 });
  });

  it("queues behind one decode rather than wait for a model load, and warms the cold helper for the next final", () => {
    expect(placeFinal([ready(1), cold()])).toEqual({ index: 0, warm: 1 });
  });

  it("takes a cold helper once the queue is longer than a model load", () => {
    expect(placeFinal([ready(3), cold()])).toEqual({ index: 1 });
  });

  it("counts a loading helper as one decode's wait", () => {
    expect(placeFinal([ready(2), loading(0)])).toEqual({ index: 1 });
    expect(placeFinal([ready(1), loading(0)])).toEqual({ index: 0 });
  });

  it("replaces a helper that died (cold again) while the others keep serving", () => {
    expect(placeFinal([cold(), ready(0)])).toEqual({ index: 1 });
    expect(placeFinal([cold(), ready(1)])).toEqual({ index: 1, warm: 0 });
  });

  it("works for a pool of one", () => {
    expect(placeFinal([ready(4)])).toEqual({ index: 0 });
    expect(placeFinal([cold()])).toEqual({ index: 0 });
  });
});

describe("placePartial", () => {
  it("uses only a loaded helper with nothing to do", () => {
    expect(placePartial([ready(1), ready(0)])).toBe(1);
    expect(placePartial([ready(1), ready(1)])).toBeUndefined();
    expect(placePartial([ready(1), loading(0), cold()])).toBeUndefined();
  });
});
