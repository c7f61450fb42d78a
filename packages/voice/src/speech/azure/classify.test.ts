import sdk from "microsoft-cognitiveservices-speech-sdk";
import { describe, expect, it } from "vitest";
import { SpeechProviderError } from "../types";
import { classifyCancellation, classifyThrown } from "./classify";

const Code = sdk.CancellationErrorCode;

describe("classifyCancellation", () => {
  it.each([
    [Code.AuthenticationFailure, undefined, "auth", false],
    [Code.Forbidden, "The recognizer is using a free subscription that ran out of quota.", "quota", false],
    [Code.TooManyRequests, undefined, "quota", false],
    [Code.ConnectionFailure, "Connection closed. 1006", "network", true],
    [Code.ServiceTimeout, undefined, "network", true],
    [Code.BadRequestParameters, "Invalid parameter", "bad-request", false],
    [Code.ServiceError, undefined, "engine", true],
    [Code.RuntimeError, undefined, "engine", true],
  ] as const)("code %s (%s) is %s", (code, details, kind, retryable) => {
    const error = classifyCancellation(code, details);
    expect(error).toBeInstanceOf(SpeechProviderError);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.engine).toBe("azure");
    expect(error.message).toContain(Code[code]);
  });

  it("reads the HTTP status of a refused handshake out of a connection failure", () => {
    const details = (status: number) => `Unable to contact server. StatusCode: 1006, undefined Reason:  Unexpected server response: ${status}`;
    expect(classifyCancellation(Code.ConnectionFailure, details(401)).kind).toBe("auth");
    expect(classifyCancellation(Code.ConnectionFailure, details(403)).kind).toBe("auth");
    expect(classifyCancellation(Code.ConnectionFailure, details(429)).kind).toBe("quota");
    expect(classifyCancellation(Code.ConnectionFailure, details(400)).kind).toBe("bad-request");
    expect(classifyCancellation(Code.ConnectionFailure, details(503)).kind).toBe("network");
  });

  it("classifies what the SDK throws instead of cancelling", () => {
    expect(classifyThrown("Unexpected server response: 401").kind).toBe("auth");
    expect(classifyThrown(new Error("socket hang up")).kind).toBe("network");
    const own = new SpeechProviderError("quota", "x", { engine: "azure" });
    expect(classifyThrown(own)).toBe(own);
  });
});
