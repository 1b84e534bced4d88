/** The systems whose reference layouts the tool reads; each also reads the staff records layout, which is the same whatever the system. */
import { STAFF_RECORDS_LAYOUT, type SystemId, type SystemLayout } from './layout.js';
import { azeus } from './azeus/layout.js';
import { liquidlogic } from './liquidlogic/layout.js';
import { mosaic } from './mosaic/layout.js';

const withStaffRecords = (system: SystemLayout): SystemLayout => ({ ...system, entities: [...system.entities, STAFF_RECORDS_LAYOUT] });

export const SYSTEM_LAYOUTS: Record<SystemId, SystemLayout> = { mosaic: withStaffRecords(mosaic), azeus: withStaffRecords(azeus), liquidlogic: withStaffRecords(liquidlogic) };
