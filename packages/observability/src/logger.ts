import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export interface LoggerSettings {
  /** Service name, on every line. */
  name: string;
  level: LoggerOptions['level'];
  /** Where lines go; stdout by default (pino JSON, one object per line). */
  destination?: NodeJS.WritableStream;
}

/**
 * The one logger factory of Rapport. JSON lines to stdout; secrets and transcript text never
 * reach the logs (they are redacted by path even when a caller logs a whole object).
 */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    name: settings.name,
    level: settings.level ?? 'info',
    base: { service: settings.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
        'req.headers.cookie',
        'config.KAFKA_SASL_PASSWORD',
        'config.MONGODB_URI',
        'messages',
        'segments',
        '*.messages',
        '*.segments',
        'transcript',
        '*.transcript',
      ],
      censor: '[redacted]',
    },
  };
  return settings.destination ? pino(options, settings.destination as pino.DestinationStream) : pino(options);
}
