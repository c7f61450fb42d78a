import path from "node:path";
import pg from "pg";
import { createDb, databaseKind, dbEnv, loadOrCreateKeyFile, loadSecretsKey } from "@parley/db";
import { AesGcmPayloadCodec, localPayloadKey } from "@parley/workflows/codec";
import { createAudioCipher, loadAudioKey } from "@parley/activities/voice";
import { localSentenceEmbedder } from "@parley/ai";
import { createSpeechProviders, createVoicePipeline } from "@parley/voice";
import { AutomationEngine, createApiServices, ImapPoller } from "@parley/api";
import { apiEnv, apiPublicUrl, appOrigins, oidcConfig, rateBudgets, speechConfig } from "./env";
import { passwordResetMailer } from "./mailer";
import { parseTrustProxy } from "./client-address";
import { createRateLimiter } from "./rate-limits";
import { drainServer } from "./drain";
import { createApiServer, LISTEN_BACKLOG } from "./server";
import { connectTemporal, temporalClient } from "./temporal-connection";
import { createCodecRoute } from "./codec-route";
import { attachVoiceGateway } from "./voice/gateway";
import { createVoiceMessageRoute } from "./voice/voice-message";
import { createAttachmentRoute } from "./attachments/attachment-route";
import { createApiMetrics } from "./metrics/api-metrics";
import { startTracing } from "./tracing";
import { createSmtpInbound } from "./email/smtp-inbound";
import { createPhoneWebhookRoute } from "./channels/phone-webhooks";
import { createApiChannelRoute } from "./channels/api-channel-route";
import { timedSpeechEngines, watchVoiceGateway } from "./metrics/voice-metrics";

// OpenTelemetry only with OTEL_EXPORTER_OTLP_ENDPOINT: a span per request, carried into workflows.
const tracing = startTracing("parley-api", apiEnv.OTEL_EXPORTER_OTLP_ENDPOINT);
const db = await createDb();
// Lazy: the API comes up (and answers 503 where Temporal is needed) while Temporal is still down.
const connection = connectTemporal(apiEnv.TEMPORAL_ADDRESS);
// Conversation data in Temporal is encrypted; the worker holds the same keys (development: data/payload.key).
const payloadCodec = new AesGcmPayloadCodec(apiEnv.PARLEY_PAYLOAD_KEYS ?? [localPayloadKey(loadOrCreateKeyFile(path.join(dbEnv.dataDir, "payload.key")))]);
const temporal = temporalClient({ connection, namespace: apiEnv.TEMPORAL_NAMESPACE, payloadCodec, traced: tracing !== undefined });

// Sessions, reset links and conversation tokens are signed with this (development: data/auth.secret).
const secret = apiEnv.PARLEY_AUTH_SECRET ?? loadOrCreateKeyFile(path.join(dbEnv.dataDir, "auth.secret")).toString("base64");
// Voice: Azure when a key is set (with the offline engines as fallback), the offline engines otherwise.
const speech = createSpeechProviders({ ...speechConfig, offline: { poolSize: apiEnv.WHISPER_POOL_SIZE } });
const services = createApiServices({
  db,
  databaseUrl: dbEnv.databaseUrl,
  temporal,
  taskQueue: apiEnv.TEMPORAL_TASK_QUEUE,
  secret,
  publicUrl: apiPublicUrl,
  appOrigins,
  signInAttemptsPerMinute: apiEnv.AUTH_SIGN_IN_ATTEMPTS_PER_MINUTE,
  sessionDays: apiEnv.AUTH_SESSION_DAYS,
  conversationTokenMinutes: apiEnv.CONVERSATION_TOKEN_MINUTES,
  sendPasswordReset: passwordResetMailer(apiEnv.SMTP_URL, apiEnv.SMTP_FROM),
  ...(oidcConfig ? { oidc: oidcConfig } : {}),
  // Seals workspace secrets; the worker opens them with the same key (development: data/secrets.key).
  secretsKey: loadSecretsKey({ base64Key: apiEnv.PARLEY_SECRETS_KEY, dataDir: dbEnv.dataDir }),
  autoAwayMinutes: apiEnv.PARLEY_AUTO_AWAY_MINUTES,
  voiceEngines: { stt: speech.stt.name, tts: speech.tts.name },
  mailsReports: Boolean(apiEnv.SMTP_URL),
  ...(apiEnv.PARLEY_EMAIL_DOMAIN ? { emailDomain: apiEnv.PARLEY_EMAIL_DOMAIN } : {}),
  // The search tester embeds as the worker does: the local sentence encoder unless OpenAI is keyed.
  ...(!apiEnv.OPENAI_API_KEY && localSentenceEmbedder() ? { knowledgeEmbedder: localSentenceEmbedder()! } : {}),
});
const trustProxy = parseTrustProxy(apiEnv.API_TRUST_PROXY);
const corsOrigins = apiEnv.API_CORS_ORIGINS.split(",").map((origin) => origin.trim());
const codecCorsOrigins = apiEnv.PARLEY_CODEC_CORS_ORIGINS.split(",").map((origin) => origin.trim());
const audioCipher = createAudioCipher(loadAudioKey({ base64Key: apiEnv.PARLEY_AUDIO_KEY, dataDir: dbEnv.dataDir }));

// With PostgreSQL the rate limits live in the database, shared by every API process.
const rateLimitPool = databaseKind(dbEnv.databaseUrl) === "postgres" ? new pg.Pool({ connectionString: dbEnv.databaseUrl, max: 4 }) : undefined;
const rateLimiter = await createRateLimiter({ budgets: rateBudgets, trustProxy, postgres: rateLimitPool });

// Prometheus: GET /metrics for a loopback scraper, or anyone with PARLEY_METRICS_TOKEN.
const metrics = createApiMetrics({ token: apiEnv.PARLEY_METRICS_TOKEN });
const server = createApiServer({
  services,
  metrics,
  traced: tracing !== undefined,
  corsOrigins,
  trustProxy,
  rateLimiter,
  // Files customers send from the widget: sealed like every channel's, capped like channel media.
  widgetFiles: { cipher: audioCipher, maxBytes: apiEnv.PARLEY_CHANNEL_MEDIA_MAX_BYTES },
  routes: [
    createVoiceMessageRoute({ services, audioCipher, trustProxy }),
    // Files customers sent, decrypted for whoever may read their conversation.
    createAttachmentRoute({ services, cipher: audioCipher, trustProxy }),
    // SMS and WhatsApp webhooks: public, each authenticated by the provider's signature.
    createPhoneWebhookRoute({
      services,
      seal: (plain) => audioCipher.seal(plain),
      publicUrl: apiPublicUrl,
      providerUrls: { twilio: apiEnv.PARLEY_TWILIO_API_URL, whatsapp: apiEnv.PARLEY_WHATSAPP_API_URL },
      maxMediaBytes: apiEnv.PARLEY_CHANNEL_MEDIA_MAX_BYTES,
    }),
    // Custom (API) channels: public, each message authenticated by X-Parley-Signature.
    createApiChannelRoute(services),
  ],
  // Temporal's UI and CLI read encrypted payloads here: owners, admins and supervisors by their
  // session, the CLI by PARLEY_CODEC_TOKEN when set.
  standaloneRoutes: [createCodecRoute({ codec: payloadCodec, services, trustProxy, token: apiEnv.PARLEY_CODEC_TOKEN, corsOrigins: codecCorsOrigins })],
});
const gateway = attachVoiceGateway(server, {
  services,
  trustProxy,
  engines: timedSpeechEngines(metrics.registry, { createPipeline: (options) => createVoicePipeline(options), stt: speech.stt, tts: speech.tts }),
  limits: { maxCalls: apiEnv.VOICE_MAX_CALLS },
  corsOrigins,
  rateLimiter,
});
watchVoiceGateway(metrics.registry, gateway);
// Automation rules run here, next to the inbox actions they reuse: a cursor over the change feed
// kept in the database, each rule claimed once per event (packages/api/src/automation).
const automation = new AutomationEngine(services, { taskQueue: services.taskQueue });
automation.start();

server.listen({ port: apiEnv.API_PORT, host: apiEnv.API_HOST, backlog: LISTEN_BACKLOG }, () => {
  const address = server.address();
  console.log(`api listening on http://localhost:${typeof address === "object" && address ? address.port : apiEnv.API_PORT}/trpc`);
});

// Inbound email for email channels, when a port is configured (./parley start sets one).
const smtpInbound =
  apiEnv.PARLEY_SMTP_INBOUND_PORT !== undefined ? createSmtpInbound({ services, seal: (plain) => audioCipher.seal(plain), maxBytes: apiEnv.PARLEY_EMAIL_MAX_BYTES }) : undefined;
smtpInbound?.listen(apiEnv.PARLEY_SMTP_INBOUND_PORT, apiEnv.PARLEY_SMTP_INBOUND_HOST, () => {
  const domain = apiEnv.PARLEY_EMAIL_DOMAIN ? ` (channels at <public id>@${apiEnv.PARLEY_EMAIL_DOMAIN})` : "";
  console.log(`inbound email on smtp://${apiEnv.PARLEY_SMTP_INBOUND_HOST}:${apiEnv.PARLEY_SMTP_INBOUND_PORT}${domain}`);
});

// Email channels whose inbound is an IMAP mailbox: polled here, through the same path as SMTP mail;
// a lease on each mailbox's row makes one API process poll it at a time (packages/api/src/channels/imap-poller.ts).
const imapPoller = new ImapPoller(services, { seal: (plain) => audioCipher.seal(plain), maxBytes: apiEnv.PARLEY_EMAIL_MAX_BYTES });
imapPoller.start();

// A bad request must never take the server down; log anything that escapes and keep serving.
process.on("unhandledRejection", (reason) => console.error("[api] unhandled rejection:", reason));

/**
 * SIGTERM (a deploy, a scale-down) or SIGINT: stop taking connections, let requests and calls in
 * flight finish within the grace period, then close Temporal and the database and exit 0.
 */
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  console.log(`[api] ${signal}: draining (up to ${apiEnv.API_DRAIN_GRACE_MS} ms)`);
  // Whatever hangs past the grace period (a close that never answers) does not keep us alive.
  setTimeout(() => {
    console.error("[api] drain did not finish; exiting");
    process.exit(1);
  }, apiEnv.API_DRAIN_GRACE_MS + 10_000).unref();
  await drainServer(server, gateway, apiEnv.API_DRAIN_GRACE_MS, () => services.liveFeed.close());
  await automation.stop();
  await imapPoller.stop();
  await new Promise<void>((resolve) => (smtpInbound ? smtpInbound.close(() => resolve()) : resolve()));
  const closing = await Promise.allSettled([connection.close(), db.$disconnect(), rateLimitPool?.end(), speech.stt.close?.(), speech.tts.close?.(), tracing?.shutdown()]);
  for (const result of closing) if (result.status === "rejected") console.error("[api] closing:", result.reason);
  console.log("[api] drained");
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void shutdown(signal));
