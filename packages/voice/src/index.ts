/**
 * @parley/voice — the streaming audio pipeline and speech engines. Pure library: no Temporal, no
 * database. The voice gateway (apps/api) runs it live per call; voice activities
 * (@parley/activities) run it on recordings.
 */
export * from "./protocol";
