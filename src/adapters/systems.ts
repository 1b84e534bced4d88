/** The systems whose reference layouts the tool reads. */
import type { SystemId, SystemLayout } from './layout.js';
import { azeus } from './azeus/layout.js';
import { liquidlogic } from './liquidlogic/layout.js';
import { mosaic } from './mosaic/layout.js';

export const SYSTEM_LAYOUTS: Record<SystemId, SystemLayout> = { mosaic, azeus, liquidlogic };
