/** Absolute path of dist/widget.js (built by `npm run build -w @parley/widget`). */
export declare const WIDGET_BUNDLE_PATH: string;
/** Absolute path of dist/pcm-capture.worklet.js, the call button's microphone worklet. */
export declare const WIDGET_WORKLET_PATH: string;
