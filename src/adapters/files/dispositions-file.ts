/** Reads and validates the wrap-up dispositions file (DISPOSITIONS_FILE); a bad file names file, place and reason. */
import { readFileSync } from 'node:fs';
import { dispositionsFileSchema, type Disposition } from '../../domain/staff/dispositions';
import { FileValidationError, jsonPath, parseJsonFile } from './file-error';

export function loadDispositionsFile(path: string): Disposition[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new FileValidationError(path, '(file)', `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const parsed = dispositionsFileSchema.safeParse(parseJsonFile(path, text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FileValidationError(path, jsonPath(issue.path), issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message);
  }
  return parsed.data.dispositions;
}
