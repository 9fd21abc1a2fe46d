/**
 * Records every outbound TCP connection attempt (host and port) while active, whether or not the
 * network guard then refuses it: "no outbound request" is asserted on attempts, not on what
 * happened to get through.
 */
import net from 'node:net';

export interface ConnectionRecorder {
  attempts: { host: string; port: number }[];
  stop(): void;
}

export function recordConnections(): ConnectionRecorder {
  const attempts: ConnectionRecorder['attempts'] = [];
  const previous = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function recorded(this: net.Socket, ...args: unknown[]) {
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string; port?: number; path?: string } | number | string;
    if (typeof first === 'object' && first && !first.path) attempts.push({ host: first.host ?? 'localhost', port: Number(first.port) });
    if (typeof first === 'number') attempts.push({ host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first });
    return (previous as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  return {
    attempts,
    stop: () => {
      net.Socket.prototype.connect = previous;
    },
  };
}
