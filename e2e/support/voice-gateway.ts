import type { Server } from "node:http";
import type { Page } from "playwright-core";
import { attachVoiceGateway } from "@parley/api-server";
import type { ApiServices } from "@parley/api";
import { createSpeechProviders, createVoicePipeline } from "@parley/voice";

/**
 * The real voice gateway on the test stack's API server, with the real pipeline and the offline
 * engines (Silero VAD, Whisper tiny.en, espeak-ng): for browser tests that call a flow.
 */
export function attachOfflineVoiceGateway(server: Server, services: ApiServices): { close(): Promise<void> } {
  const speech = createSpeechProviders({});
  const gateway = attachVoiceGateway(server, {
    services,
    engines: {
      createPipeline: (options) =>
        createVoicePipeline({ inputSampleRate: options.inputSampleRate, ...(options.capabilities ? { capabilities: options.capabilities } : {}) }),
      stt: speech.stt,
      tts: speech.tts,
    },
  });
  return {
    async close() {
      gateway.close();
      await Promise.all([speech.stt.close?.(), speech.tts.close?.()]);
    },
  };
}

/** Waits for the call panel's state (the orb's: listening, user-speaking, thinking, bot-speaking…). */
export async function sawCallState(page: Page, state: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(`document.querySelector('[data-testid="call-panel"]')?.getAttribute("data-state") === ${JSON.stringify(state)}`, undefined, { timeout, polling: "raf" });
}
