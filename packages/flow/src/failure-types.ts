/**
 * The non-retryable ApplicationFailure types of Parley's workflows and activities, in one place:
 * activities raise them, workflows' retry policies name them and raise some themselves, and the
 * API maps them to HTTP answers. Here, in the leaf both import, so the strings cannot drift.
 */
export const FailureType = {
  ConversationEnded: 'ConversationEnded',
  InvalidMessage: 'InvalidMessage',
  FlowVersionNotFound: 'FlowVersionNotFound',
  FlowVersionNotPublished: 'FlowVersionNotPublished',
  InvalidFlow: 'InvalidFlow',
  ConversationNotFound: 'ConversationNotFound',
  WebhookRejected: 'WebhookRejected',
  InvalidUnderstandingInput: 'InvalidUnderstandingInput',
  InvalidHttpRequest: 'InvalidHttpRequest',
  InvalidCustomActivityInput: 'InvalidCustomActivityInput',
  InvalidCustomActivityOutput: 'InvalidCustomActivityOutput',
  /** A voice activity got input it cannot use, or a recording id that does not exist (activities' type). */
  InvalidVoiceInput: 'InvalidVoiceInput',
  /** Stored audio failed authentication: retrying cannot help (activities' type). */
  AudioIntegrity: 'AudioIntegrity',
  /** A voice message's recording is missing, unreadable or could not be transcribed. */
  RecordingUnavailable: 'RecordingUnavailable',
  /** A voice message in which no speech was heard: nothing is recorded as the customer's words. */
  NoSpeech: 'NoSpeech',
  /** A client message id sent again with different content: refused, the first one stands. */
  MessageIdReused: 'MessageIdReused',
  /** A channel refused an outbound message for good (a relay's 5xx, no address, no relay): no retry helps. */
  ChannelDeliveryRejected: 'ChannelDeliveryRejected',
  /** The database refused a value it can never store (broken text, too long, a constraint): no retry helps. */
  DataRejected: 'DataRejected',
} as const;
