/** The writer of each system's reference layouts. */
import type { SystemId } from '../../adapters/layout.js';
import type { GenDataset } from '../model.js';
import type { ExportFile } from './csv-files.js';
import { azeusFiles } from './azeus.js';
import { liquidLogicFiles } from './liquidlogic.js';
import { mosaicFiles } from './mosaic.js';

export const SYSTEM_WRITERS: Record<SystemId, (data: GenDataset) => ExportFile[]> = {
  mosaic: mosaicFiles,
  azeus: azeusFiles,
  liquidlogic: liquidLogicFiles,
};
