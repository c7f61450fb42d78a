import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { testEnv } from "../../test/support/env";

export interface BrowserOptions {
  /**
   * A WAV file the browser hears as its microphone (looped), granted without a prompt: Chromium's
   * fake media devices, for the voice call tests.
   */
  fakeMicrophoneWav?: string;
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const fakeMedia = options.fakeMicrophoneWav
    ? ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-audio-capture=${options.fakeMicrophoneWav}`, "--autoplay-policy=no-user-gesture-required"]
    : [];
  return chromium.launch({
    executablePath: testEnv.CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", ...fakeMedia],
  });
}

/** Saves a full-page screenshot under test-results/screenshots for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(testEnv.SCREENSHOT_DIR, { recursive: true });
  const file = path.join(testEnv.SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
