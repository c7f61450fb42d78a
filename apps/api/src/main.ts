import { Client, Connection } from "@temporalio/client";
import { createDb, dbEnv } from "@parley/db";
import { createAudioCipher, loadAudioKey } from "@parley/activities/voice";
import { createSpeechProviders, createVoicePipeline } from "@parley/voice";
import { apiEnv, speechConfig } from "./env";
import { createApiServer } from "./server";
import { attachVoiceGateway } from "./voice/gateway";
import { createVoiceMessageRoute } from "./voice/voice-message";

const db = await createDb();
const workspace = await db.workspace.findUnique({ where: { slug: apiEnv.PARLEY_WORKSPACE } });
if (!workspace) {
  console.error(`workspace "${apiEnv.PARLEY_WORKSPACE}" does not exist; run the database seed first`);
  process.exit(1);
}
const connection = await Connection.connect({ address: apiEnv.TEMPORAL_ADDRESS });
const temporal = new Client({ connection, namespace: apiEnv.TEMPORAL_NAMESPACE });

const context = { db, temporal, taskQueue: apiEnv.TEMPORAL_TASK_QUEUE, workspaceId: workspace.id };
const corsOrigins = apiEnv.API_CORS_ORIGINS.split(",").map((origin) => origin.trim());
// Voice: Azure when a key is set (with the offline engines as fallback), the offline engines otherwise.
const speech = createSpeechProviders({ ...speechConfig, offline: { poolSize: apiEnv.WHISPER_POOL_SIZE } });
const audioCipher = createAudioCipher(loadAudioKey({ base64Key: apiEnv.PARLEY_AUDIO_KEY, dataDir: dbEnv.dataDir }));

const server = createApiServer({
  context,
  corsOrigins,
  routes: [createVoiceMessageRoute({ context, audioCipher })],
});
const gateway = attachVoiceGateway(server, {
  context,
  engines: { createPipeline: (options) => createVoicePipeline(options), stt: speech.stt, tts: speech.tts },
  limits: { maxCalls: apiEnv.VOICE_MAX_CALLS },
  corsOrigins,
});
server.listen(apiEnv.API_PORT, apiEnv.API_HOST, () => {
  console.log(`api listening on http://localhost:${apiEnv.API_PORT}/trpc`);
});

// A bad request must never take the server down; log anything that escapes and keep serving.
process.on("unhandledRejection", (reason) => console.error("[api] unhandled rejection:", reason));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    gateway.close();
    server.close();
    void Promise.all([connection.close(), db.$disconnect(), speech.stt.close?.(), speech.tts.close?.()]).finally(() => process.exit(0));
  });
}
