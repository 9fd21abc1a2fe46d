/**
 * The catalog in use, and reloading it from the operator's file: the file is read and checked
 * again (a bad one changes nothing and says why), the offerings that differ are found by id, the
 * new catalog takes over, and `catalog.changed` tells every listener which offerings changed
 * (partners listening to TMF620 hear of each). Reading the file is the adapter's (`read`).
 */
import type { Catalog } from './catalog-schema';
import type { Clock } from '../shared/ports';
import type { EventPort } from '../events/care-events';
import { fail } from '../shared/errors';
import { catalogChanges, type OfferingChange } from './catalog-changes';

/** A catalog and its revision: the same file read by any process has the same revision, another edit another. */
export interface CatalogVersion {
  catalog: Catalog;
  revision: string;
}

export type CatalogRead = ({ ok: true } & CatalogVersion) | { ok: false; problems: { place: string; reason: string }[] };

export interface CatalogReload {
  /** The revision now in use. */
  revision: string;
  /** False when the file holds the catalog already in use. */
  reloaded: boolean;
  offerings: OfferingChange[];
}

export interface LiveCatalog {
  current(): Catalog;
  revision(): string;
  /**
   * The catalog of a recent revision (this process's last few), so a change is told as of its own
   * revision even when another reload followed before it was told; undefined for one not held here.
   */
  at(revision: string): Catalog | undefined;
  /** VALIDATION_FAILED (with `problems`) when the file is not a valid catalog; the catalog in use stays. */
  reload(): Promise<CatalogReload>;
}

/** Problems shown in one refusal (the rest are counted). */
const SHOWN_PROBLEMS = 20;
/** Revisions kept for `at`. */
const KEPT = 8;

export function createLiveCatalog(deps: { initial: CatalogVersion; read(): CatalogRead; clock: Clock; events?: EventPort }): LiveCatalog {
  let now = deps.initial;
  let recent: CatalogVersion[] = [now];
  return {
    current: () => now.catalog,
    revision: () => now.revision,
    at: (revision) => recent.find((v) => v.revision === revision)?.catalog,
    async reload() {
      const read = deps.read();
      if (!read.ok) {
        const [first] = read.problems;
        fail('VALIDATION_FAILED', `the catalog file was not loaded, the catalog in use is unchanged: ${first ? `${first.place}: ${first.reason}` : 'not a valid catalog'}`, {
          problems: read.problems.slice(0, SHOWN_PROBLEMS),
          more: Math.max(0, read.problems.length - SHOWN_PROBLEMS),
        });
      }
      if (read.revision === now.revision) return { revision: now.revision, reloaded: false, offerings: [] };
      const offerings = catalogChanges(now.catalog, read.catalog);
      now = { catalog: read.catalog, revision: read.revision };
      recent = [now, ...recent].slice(0, KEPT);
      if (offerings.length > 0) await deps.events?.publish({ type: 'catalog.changed', at: deps.clock.now().toISOString(), revision: read.revision, offerings });
      return { revision: read.revision, reloaded: true, offerings };
    },
  };
}
