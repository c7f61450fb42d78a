import path from "node:path";
import { NativeConnection } from "@temporalio/worker";
import { createDb, dbEnv, loadOrCreateKeyFile } from "@parley/db";
import { AesGcmPayloadCodec, localPayloadKey } from "@parley/workflows/codec";
import { createAudioCipher, loadAudioKey } from "@parley/activities/voice";
import { createSpeechProviders } from "@parley/voice";
import { openAIConfig, speechConfig, workerEnv } from "./env";
import { aiActivityDeps } from "./ai-providers";
import { createConversationWorker, SHUTDOWN_GRACE_TIME } from "./worker";

const connection = await NativeConnection.connect({ address: workerEnv.TEMPORAL_ADDRESS });
const db = await createDb();
const speech = createSpeechProviders({ ...speechConfig, offline: { poolSize: workerEnv.WHISPER_POOL_SIZE } });
const worker = await createConversationWorker({
  connection,
  namespace: workerEnv.TEMPORAL_NAMESPACE,
  taskQueue: workerEnv.TEMPORAL_TASK_QUEUE,
  db,
  // Conversation data in Temporal is encrypted; the API holds the same keys (development: data/payload.key).
  payloadCodec: new AesGcmPayloadCodec(workerEnv.PARLEY_PAYLOAD_KEYS ?? [localPayloadKey(loadOrCreateKeyFile(path.join(dbEnv.dataDir, "payload.key")))]),
  activityDeps: {
    httpAllowedHosts: workerEnv.PARLEY_HTTP_ALLOWED_HOSTS,
    httpAllowedNetworks: workerEnv.PARLEY_HTTP_ALLOWED_NETWORKS,
    ...aiActivityDeps(openAIConfig),
    // Voice activities: the API's audio key (both read the same stored audio) and speech engines.
    audioCipher: createAudioCipher(loadAudioKey({ base64Key: workerEnv.PARLEY_AUDIO_KEY, dataDir: dbEnv.dataDir })),
    speech,
  },
  tuning: { shutdownGraceTime: SHUTDOWN_GRACE_TIME },
});

console.log(openAIConfig ? `AI: OpenAI ${openAIConfig.model} with local fallbacks` : "AI: local engines (no OPENAI_API_KEY)");
console.log(`worker polling ${workerEnv.TEMPORAL_TASK_QUEUE} on ${workerEnv.TEMPORAL_ADDRESS}`);
// worker.run() resolves after SIGINT/SIGTERM (the SDK installs those handlers) once in-flight
// tasks have drained: activities get SHUTDOWN_GRACE_TIME to finish.
await worker.run();
await Promise.allSettled([db.$disconnect(), connection.close(), speech.stt.close?.(), speech.tts.close?.()]);
console.log("worker stopped");
process.exit(0);
