import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** How log lines are written: readable for a person, JSON for a log collector. */
export type LogFormat = 'pretty' | 'json';

/** `LOG_FORMAT` when set; otherwise pretty at a terminal and JSON when stdout is a pipe or file. */
export function logFormat(
  forced: LogFormat | undefined,
  stdoutIsTerminal = process.stdout.isTTY === true,
): LogFormat {
  return forced ?? (stdoutIsTerminal ? 'pretty' : 'json');
}

/**
 * The gateway's pino logger. Secrets are redacted in either format; pretty lines go through
 * pino-pretty in this thread (synchronously: a line logged just before exit is not lost), and
 * colour follows the terminal (`NO_COLOR` turns it off).
 */
export function createLogger(options: { level: string; format: LogFormat | undefined }): Logger {
  const settings = {
    level: options.level,
    redact: {
      paths: ['*.apiSecret', '*.webhookSecret', '*.liveWebhookSecret', '*.secret', '*.password'],
      censor: '[redacted]',
    },
  };
  return logFormat(options.format) === 'pretty'
    ? pino(
        settings,
        pretty({ sync: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' }),
      )
    : pino(settings);
}
