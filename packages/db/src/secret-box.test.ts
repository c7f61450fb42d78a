import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSecretBox, loadSecretsKey, SecretIntegrityError } from "./secret-box";
import { databaseUrlProblem, productionConfigProblems } from "./production-config";

describe("the secret box", () => {
  const box = createSecretBox(randomBytes(32));

  it("opens what it sealed, with a fresh IV each time", () => {
    const a = box.seal("ws1", "CRM_TOKEN", "tök-en");
    const b = box.seal("ws1", "CRM_TOKEN", "tök-en");
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(box.open("ws1", "CRM_TOKEN", a)).toBe("tök-en");
  });

  it("refuses a sealed value moved to another workspace or name, altered, or under another key", () => {
    const sealed = box.seal("ws1", "CRM_TOKEN", "value");
    expect(() => box.open("ws2", "CRM_TOKEN", sealed)).toThrow(SecretIntegrityError);
    expect(() => box.open("ws1", "OTHER", sealed)).toThrow(SecretIntegrityError);
    const altered = { ...sealed, data: Buffer.from(sealed.data).fill(0) };
    expect(() => box.open("ws1", "CRM_TOKEN", altered)).toThrow(SecretIntegrityError);
    expect(() => createSecretBox(randomBytes(32)).open("ws1", "CRM_TOKEN", sealed)).toThrow(/PARLEY_SECRETS_KEY/);
  });

  it("takes the key from PARLEY_SECRETS_KEY, or generates one file once in development", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-secrets-key-"));
    try {
      const first = loadSecretsKey({ dataDir });
      expect(loadSecretsKey({ dataDir }).equals(first)).toBe(true);
      expect(fs.existsSync(path.join(dataDir, "secrets.key"))).toBe(true);
      const configured = randomBytes(32);
      expect(loadSecretsKey({ base64Key: configured.toString("base64"), dataDir }).equals(configured)).toBe(true);
      expect(() => loadSecretsKey({ base64Key: randomBytes(16).toString("base64"), dataDir })).toThrow(/PARLEY_SECRETS_KEY must be/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("production settings", () => {
  it("lists every missing or example value at once", () => {
    expect(
      productionConfigProblems([
        { name: "A", value: undefined },
        { name: "B", value: "  " },
        { name: "C", value: "change-me" },
        { name: "D", value: "fine-and-random" },
        { name: "E", value: "x", problem: () => "is wrong" },
      ]),
    ).toEqual(["A is not set", "B is not set", "C is a published example value; generate your own", "E is wrong"]);
  });

  it("refuses the embedded database and example passwords in DATABASE_URL", () => {
    expect(databaseUrlProblem("file:/data/parley.db", "file:/data/parley.db")).toMatch(/embedded/);
    expect(databaseUrlProblem("postgresql://parley:parley@db/parley", "file:x")).toMatch(/example password/);
    expect(databaseUrlProblem("postgresql://parley:k8%2Fq-random@db/parley", "file:x")).toBeNull();
  });
});
