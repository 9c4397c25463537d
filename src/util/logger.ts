import { pino } from 'pino';

/** The slice of pino the core uses; anything pino-shaped (tests: pino on a memory stream) fits. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * Structured JSON logs. Secrets never reach a log line by construction (they are not passed),
 * and these paths are censored as a second line of defence.
 */
export function createLogger(level: string = process.env.LINTEL_LOG_LEVEL ?? 'info', destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { app: 'lintel' },
    redact: {
      paths: ['secret', 'clientSecret', 'token', 'accessToken', 'refreshToken', 'password', 'pin', '*.secret', '*.token', '*.password'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options, pino.destination(2));
}

/** For tools and tests that want silence. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
