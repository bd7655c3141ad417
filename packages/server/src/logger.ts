/**
 * Where the server's events go. Fields carry ids, methods, reasons and counts — never a code, a secret,
 * a recovery code or a token (a test reads every line the server logs to prove it).
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export type LogLevel = 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { info: 0, warn: 1, error: 2, silent: 3 };

/** A logger writing one JSON line per event (`{"level","event","time",...fields}`) at or above `level`. */
export function createJsonLogger(
  options: { level?: LogLevel; write?: (line: string) => void; now?: () => number } = {},
): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => console.error(line));
  const now = options.now ?? Date.now;
  const emit =
    (at: Exclude<LogLevel, 'silent'>) =>
    (event: string, fields: LogFields = {}) => {
      if (RANK[at] < RANK[level]) return;
      write(JSON.stringify({ level: at, event, time: new Date(now()).toISOString(), ...fields }));
    };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}
