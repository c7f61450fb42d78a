import { widgetApi } from "./api";
import { WidgetConversation } from "./conversation";
import { createView } from "./view";

/**
 * The embed snippet's script:
 *   <script src="https://parley.example.com/widget.js" data-channel="PUBLIC_ID" async></script>
 * It talks to the server it was loaded from (or `data-api`), and puts the chat bubble on the page
 * once the channel's settings say it may (an unknown channel or a page of another origin shows
 * nothing and says why in the console).
 */
async function boot(script: HTMLScriptElement | null): Promise<void> {
  const channel = script?.dataset.channel;
  if (!script || !channel) {
    console.warn("[parley] widget: the script tag needs data-channel");
    return;
  }
  const api = widgetApi(script.dataset.api ?? new URL(script.src).origin, channel);
  let settings;
  try {
    settings = await api.settings();
  } catch (err) {
    console.warn(`[parley] widget not shown: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const conversation = new WidgetConversation(api, channel, settings.preChatForm);
  const view = createView(settings, {
    toggle: () => conversation.toggle(),
    send: (text) => void conversation.send(text),
    submitForm: (contact) => void conversation.start(contact),
    restart: () => conversation.restart(),
    emailForm: (open) => conversation.toggleEmailForm(open),
    continueOn: (medium, address) => void conversation.continueOn(medium, address),
  });
  conversation.attach(view);
  document.body.append(view.host);
  await conversation.resume();
  // Says the saved conversation (if any) is loaded: for tests and for pages that wait on the widget.
  view.host.dataset.ready = "true";
}

void boot(document.currentScript as HTMLScriptElement | null);
