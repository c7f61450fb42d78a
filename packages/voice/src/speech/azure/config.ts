import sdk from "microsoft-cognitiveservices-speech-sdk";
import { WebsocketMessageAdapter } from "microsoft-cognitiveservices-speech-sdk/distrib/lib/src/common.browser/WebsocketMessageAdapter.js";

export interface AzureSpeechOptions {
  key: string;
  region: string;
  /**
   * A host to use instead of the region's (a custom domain, a container, a sovereign cloud, or a
   * local test server), e.g. "wss://my-speech.cognitiveservices.azure.com" or "ws://127.0.0.1:5000".
   */
  endpoint?: string;
}

/*
 * Node 22+ has a global WebSocket, which the SDK then prefers. That client cannot send headers
 * and hides the HTTP status of a refused handshake ("non-101 status code"), so a bad key would
 * look like a network failure and be retried instead of reported. The SDK's `ws` path sends the
 * key as a header and reports "Unexpected server response: 401": use it.
 */
WebsocketMessageAdapter.forceNpmWebSocket = true;

/** One SpeechConfig per language, created once: the SDK copies it into each recognizer. */
export function createSpeechConfig(options: AzureSpeechOptions): sdk.SpeechConfig {
  if (!options.key) throw new Error("Azure Speech needs a key");
  const config = options.endpoint
    ? sdk.SpeechConfig.fromHost(new URL(options.endpoint), options.key)
    : sdk.SpeechConfig.fromSubscription(options.key, options.region);
  if (options.endpoint && options.region) config.setProperty(sdk.PropertyId.SpeechServiceConnection_Region, options.region);
  return config;
}

/** 100-nanosecond ticks (the service's unit) to milliseconds. */
export const ticksToMs = (ticks: number): number => Math.round(ticks / 10_000);
