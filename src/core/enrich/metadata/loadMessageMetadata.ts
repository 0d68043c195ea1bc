import { expandInputs } from '../../investigation/inputFiles';
import { InputError } from '../../investigation/types';
import { MetadataFileError } from './metadataErrors';
import { MetadataStore } from './metadataStore';
import type { MetadataReadOptions } from './readMetadataSource';

/**
 * Loads metadata files and folders (folders recursively, files in name order) into a new store.
 * Throws MetadataFileError naming the first path that is missing, unreadable or not a known
 * metadata format; a file found inside a folder is held to the same rule, since a folder handed in
 * as metadata is expected to hold only metadata.
 */
export async function loadMessageMetadata(
  paths: readonly string[],
  options: MetadataReadOptions = {},
): Promise<MetadataStore> {
  let files;
  try {
    files = await expandInputs(paths);
  } catch (err) {
    if (err instanceof InputError) throw new MetadataFileError(err.path, err.reason);
    throw err;
  }
  const store = new MetadataStore(options);
  for (const f of files) await store.add(f.path);
  return store;
}
