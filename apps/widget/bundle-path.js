// Where the built bundle lives, for the API that serves it (apps/api/src/widget-route.ts).
import { fileURLToPath } from "node:url";

export const WIDGET_BUNDLE_PATH = fileURLToPath(new URL("./dist/widget.js", import.meta.url));
// The call button's microphone worklet (the builder's public/voice worklet, bundled with its framer).
export const WIDGET_WORKLET_PATH = fileURLToPath(new URL("./dist/pcm-capture.worklet.js", import.meta.url));
