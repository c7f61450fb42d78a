// Where the built bundle lives, for the API that serves it (apps/api/src/widget-route.ts).
import { fileURLToPath } from "node:url";

export const WIDGET_BUNDLE_PATH = fileURLToPath(new URL("./dist/widget.js", import.meta.url));
