import fs from "node:fs";
import path from "node:path";
import { dbEnv } from "./env";

/**
 * Where the seed leaves the demo people's first passwords: `./parley start` prints the file in
 * its banner and deletes it, so each password is shown once and then exists only hashed.
 */
export const firstSignInsFile = path.join(dbEnv.dataDir, "first-sign-ins.txt");

export function writeFirstSignIns(signIns: { email: string; password: string; role: string }[]): void {
  fs.mkdirSync(path.dirname(firstSignInsFile), { recursive: true });
  const lines = signIns.map(({ email, password, role }) => `    ${email.padEnd(24)} ${password.padEnd(18)} ${role}`);
  fs.writeFileSync(firstSignInsFile, lines.join("\n") + "\n", { mode: 0o600, flag: "a" });
}
