// The headers the demo system identifies messages by.

/** Set by the producer service on every record it sends: one id per copy. */
export const MESSAGE_ID_HEADER = "x-message-id";
/** Set by Redrive on every redelivery: the action's id, for consumers to deduplicate on. */
export const REDRIVE_ID_HEADER = "x-redrive-id";
