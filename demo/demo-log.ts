// Structured JSON logs for the demo processes, and a kafkajs log creator that routes the client's own
// chatter into them: kafkajs reports every retried connection at ERROR, so only its warnings surface.
import { logLevel, type LogEntry } from "kafkajs";
import pino, { type Logger } from "pino";

export function demoLog(app: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { app } });
}

export function kafkaLogCreator(log: Logger) {
  const kafkaLog = log.child({ component: "kafkajs" });
  return () =>
    ({ level, log: entry }: LogEntry) => {
      const { message, ...extra } = entry;
      const fields = { namespace: extra.logger, broker: extra.broker, error: extra.error };
      if (level === logLevel.WARN) kafkaLog.warn(fields, message);
      else kafkaLog.debug(fields, message);
    };
}
