import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls onSettled once edits to a file (or, with `path` a directory and no file filter, to any
 * file in it) have been quiet for debounceMs. Watches the directory rather than the file, since
 * editors often save by replacing the file (a new inode a file watch would miss).
 * Returns a stop function.
 */
export function watchFile(path: string, onSettled: () => void, onError: (e: Error) => void, debounceMs = 150): () => void {
  return watchDir(dirname(path), (name) => name === basename(path), onSettled, onError, debounceMs);
}

export function watchDir(
  dir: string,
  accept: (fileName: string) => boolean,
  onSettled: () => void,
  onError: (e: Error) => void,
  debounceMs = 150,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { persistent: false }, (_event, fileName) => {
      if (stopped || (fileName !== null && !accept(fileName.toString()))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        if (!stopped) onSettled();
      }, debounceMs);
    });
  } catch (e) {
    onError(e instanceof Error ? e : new Error(String(e)));
    return () => undefined;
  }
  watcher.on('error', (e) => onError(e));
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
