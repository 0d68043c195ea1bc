import { openContainer } from '../containers/openContainer';
import type { SourceOpener } from './types';

/** The engine's container detection (spec §3), as the investigation's default opener. */
export const defaultOpener: SourceOpener = (source) => openContainer(source);
