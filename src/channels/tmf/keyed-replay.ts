/**
 * KeyedReplay over the Idempotency port the portal API uses: the first answer to a key is kept
 * (a TMF Error too, when the domain refused: the same request gets the same refusal); a request
 * that failed unexpectedly forgets its key so it can be retried.
 */
import type { KeyedReplay, TmfReply } from './tmf-kit';
import { TmfError, toTmfError } from './tmf-errors';
import { isDomainError } from '../../domain/shared/errors';

export interface ReplayStore {
  begin(id: string, hash: string): Promise<{ kind: 'new'; record: unknown } | { kind: 'replay'; status: number; body: unknown }>;
  complete(record: never, status: number, body: unknown): Promise<void>;
  abandon(record: never): Promise<void>;
}

export function createKeyedReplay(store: ReplayStore, hash: (request: { path: string; body: unknown }) => string): KeyedReplay {
  return {
    async run(scope, request, work) {
      let begun;
      try {
        begun = await store.begin(`tmf:${scope}`, hash(request));
      } catch (e) {
        // The store's own refusals (409 still running, 422 another request) in the TMF shape.
        const { status, body } = toTmfError(e);
        throw new TmfError(status, body.code, body.reason, body.message, status === 409 ? { 'Retry-After': '1' } : {});
      }
      if (begun.kind === 'replay') {
        if (begun.status >= 400) {
          const b = begun.body as { code: string; reason: string; message?: string };
          throw new TmfError(begun.status, b.code, b.reason, b.message);
        }
        return { status: begun.status, body: begun.body } satisfies TmfReply;
      }
      const record = begun.record as never;
      try {
        const reply = await work();
        await store.complete(record, reply.status, reply.body);
        return reply;
      } catch (e) {
        if (e instanceof TmfError || (isDomainError(e) && e.code !== 'BACKEND_UNAVAILABLE' && e.code !== 'CONFLICT')) {
          const { status, body } = toTmfError(e);
          await store.complete(record, status, body);
        } else {
          await store.abandon(record);
        }
        throw e;
      }
    },
  };
}
