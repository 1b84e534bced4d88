/** The writer of each system's reference layouts. */
import type { SystemId } from '../../adapters/layout.js';
import type { GenDataset } from '../model.js';
import type { ExportFile } from './csv-files.js';
import { azeusFiles } from './azeus.js';
import { liquidLogicFiles } from './liquidlogic.js';
import { mosaicFiles } from './mosaic.js';
import { staffRecordsFile, staffRecordsOf } from '../staff-records.js';

/** A system's exports, with the HR system's staff records beside them (one layout whatever the system). */
const withStaffRecords =
  (write: (data: GenDataset) => ExportFile[]) =>
  (data: GenDataset): ExportFile[] => [...write(data), staffRecordsFile(staffRecordsOf(data), data.hrWords)];

export const SYSTEM_WRITERS: Record<SystemId, (data: GenDataset) => ExportFile[]> = {
  mosaic: withStaffRecords(mosaicFiles),
  azeus: withStaffRecords(azeusFiles),
  liquidlogic: withStaffRecords(liquidLogicFiles),
};
