/** Absolute path of dist/widget.js (built by `npm run build -w @parley/widget`). */
export declare const WIDGET_BUNDLE_PATH: string;
