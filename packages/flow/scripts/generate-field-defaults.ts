// Writes src/kinds/field-defaults.generated.ts from the kinds' schemas (see src/field-defaults.ts).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fieldDefaultsModule } from "../src/field-defaults";

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src/kinds/field-defaults.generated.ts");
fs.writeFileSync(target, fieldDefaultsModule());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
