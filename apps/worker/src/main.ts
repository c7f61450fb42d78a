import path from "node:path";
import { NativeConnection, Runtime } from "@temporalio/worker";
import { createDb, createSecretBox, dbEnv, loadOrCreateKeyFile, loadSecretsKey } from "@parley/db";
import { AesGcmPayloadCodec, localPayloadKey } from "@parley/workflows/codec";
import { ChannelDispatcher, OrphanReconciler, WebhookDispatcher } from "@parley/activities";
import { createAudioCipher, loadAudioKey } from "@parley/activities/voice";
import { defaultCustomActivities } from "@parley/activities/custom";
import { createSpeechProviders } from "@parley/voice";
import { openAIConfig, speechConfig, workerEnv } from "./env";
import { aiActivityDeps } from "./ai-providers";
import { createConversationWorker, SHUTDOWN_GRACE_TIME, workerClient } from "./worker";
import { ensureRetentionSchedule } from "./retention-schedule";
import { startWorkerMetrics } from "./metrics";
import { startTracing } from "./tracing";

// The Temporal SDK's metrics (polls, task and activity latencies, executions) come from its core's
// Prometheus exporter, on loopback next to our listener, which merges both into one scrape. The
// runtime must be installed before the first connection.
const metricsPort = workerEnv.WORKER_METRICS_PORT;
const temporalMetricsAddress = metricsPort === undefined ? undefined : `127.0.0.1:${metricsPort + 1}`;
if (temporalMetricsAddress) {
  Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: temporalMetricsAddress, countersTotalSuffix: true, useSecondsForDurations: true } } } });
}

// OpenTelemetry only with OTEL_EXPORTER_OTLP_ENDPOINT: workflow and activity spans continue the API's traces.
const tracing = startTracing("parley-worker", workerEnv.OTEL_EXPORTER_OTLP_ENDPOINT);
const connection = await NativeConnection.connect({ address: workerEnv.TEMPORAL_ADDRESS });
const db = await createDb();
// Conversation data in Temporal is encrypted; the API holds the same keys (development: data/payload.key).
const payloadCodec = new AesGcmPayloadCodec(workerEnv.PARLEY_PAYLOAD_KEYS ?? [localPayloadKey(loadOrCreateKeyFile(path.join(dbEnv.dataDir, "payload.key")))]);
const speech = createSpeechProviders({ ...speechConfig, offline: { poolSize: workerEnv.WHISPER_POOL_SIZE } });
const worker = await createConversationWorker({
  connection,
  namespace: workerEnv.TEMPORAL_NAMESPACE,
  taskQueue: workerEnv.TEMPORAL_TASK_QUEUE,
  db,
  payloadCodec,
  activityDeps: {
    autoAwayMs: workerEnv.PARLEY_AUTO_AWAY_MINUTES * 60_000,
    httpAllowedHosts: workerEnv.PARLEY_HTTP_ALLOWED_HOSTS,
    httpAllowedNetworks: workerEnv.PARLEY_HTTP_ALLOWED_NETWORKS,
    ...aiActivityDeps(openAIConfig),
    // Voice activities: the API's audio key (both read the same stored audio) and speech engines.
    audioCipher: createAudioCipher(loadAudioKey({ base64Key: workerEnv.PARLEY_AUDIO_KEY, dataDir: dbEnv.dataDir })),
    speech,
    // HTTP request nodes' {{secrets.NAME}}: opened with the API's key (development: data/secrets.key).
    secretBox: createSecretBox(loadSecretsKey({ base64Key: workerEnv.PARLEY_SECRETS_KEY, dataDir: dbEnv.dataDir })),
    customActivities: defaultCustomActivities({ ...(workerEnv.HUBSPOT_API_URL ? { hubspotApiUrl: workerEnv.HUBSPOT_API_URL } : {}) }),
    // SMS and WhatsApp deliveries: the providers' APIs, and where their status callbacks come back.
    providerUrls: { twilio: workerEnv.PARLEY_TWILIO_API_URL, whatsapp: workerEnv.PARLEY_WHATSAPP_API_URL },
    ...(workerEnv.API_PUBLIC_URL ? { apiPublicUrl: workerEnv.API_PUBLIC_URL } : {}),
    // Scheduled reports sent by email go out through the deployment's relay.
    ...(workerEnv.SMTP_URL ? { reportMail: { smtpUrl: workerEnv.SMTP_URL, from: workerEnv.SMTP_FROM } } : {}),
  },
  ...(tracing ? { tracing } : {}),
  workflowStackTraces: workerEnv.PARLEY_WORKFLOW_STACK_TRACES,
  tuning: { shutdownGraceTime: SHUTDOWN_GRACE_TIME },
});

const metricsServer =
  metricsPort === undefined
    ? undefined
    : await startWorkerMetrics({
        db,
        port: metricsPort,
        host: workerEnv.WORKER_METRICS_HOST,
        token: workerEnv.PARLEY_METRICS_TOKEN,
        temporalMetricsUrl: `http://${temporalMetricsAddress}/metrics`,
      });
if (metricsServer) console.log(`metrics on http://${workerEnv.WORKER_METRICS_HOST}:${metricsPort}/metrics`);
console.log(openAIConfig ? `AI: OpenAI ${openAIConfig.model} with local fallbacks` : "AI: local engines (no OPENAI_API_KEY)");
const retention = await ensureRetentionSchedule({
  client: workerClient({ connection, namespace: workerEnv.TEMPORAL_NAMESPACE, payloadCodec }),
  taskQueue: workerEnv.TEMPORAL_TASK_QUEUE,
  every: workerEnv.PARLEY_RETENTION_SWEEP_EVERY,
});
console.log(`retention sweep: ${workerEnv.PARLEY_RETENTION_SWEEP_EVERY === "off" ? "off" : `every ${workerEnv.PARLEY_RETENTION_SWEEP_EVERY}`} (schedule ${retention})`);
// Outbound webhooks: stored events become delivery workflows (every worker runs one; ids de-duplicate).
const webhookDispatcher = new WebhookDispatcher({
  db,
  client: workerClient({ connection, namespace: workerEnv.TEMPORAL_NAMESPACE, payloadCodec }),
  taskQueue: workerEnv.TEMPORAL_TASK_QUEUE,
});
webhookDispatcher.start();
// Conversation rows whose workflow never started (the API died in between) are closed.
const orphanReconciler = new OrphanReconciler({ db, client: workerClient({ connection, namespace: workerEnv.TEMPORAL_NAMESPACE, payloadCodec }) });
orphanReconciler.start();
// Outbound messages of email channels: queued rows become delivery workflows, the same way.
const channelDispatcher = new ChannelDispatcher({
  db,
  client: workerClient({ connection, namespace: workerEnv.TEMPORAL_NAMESPACE, payloadCodec }),
  taskQueue: workerEnv.TEMPORAL_TASK_QUEUE,
});
channelDispatcher.start();
console.log(`worker polling ${workerEnv.TEMPORAL_TASK_QUEUE} on ${workerEnv.TEMPORAL_ADDRESS}`);
// worker.run() resolves after SIGINT/SIGTERM (the SDK installs those handlers) once in-flight
// tasks have drained: activities get SHUTDOWN_GRACE_TIME to finish.
await worker.run();
await Promise.all([webhookDispatcher.stop(), channelDispatcher.stop(), orphanReconciler.stop()]);
metricsServer?.close();
await Promise.allSettled([db.$disconnect(), connection.close(), speech.stt.close?.(), speech.tts.close?.(), tracing?.shutdown()]);
console.log("worker stopped");
process.exit(0);
