/** The logging the voice channel needs (pino-compatible). Never pass digits, PINs or speech. */
export interface VoiceLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export const silentLogger: VoiceLogger = { info() {}, warn() {}, error() {}, debug() {} };
