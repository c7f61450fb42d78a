export { webWidgetConfigSchema, webWidgetOnline, type WebWidgetConfig } from "./config";
