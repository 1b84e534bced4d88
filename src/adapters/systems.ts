/** The systems whose reference layouts the tool reads. */
import type { SystemId, SystemLayout } from './layout.js';
import { mosaic } from './mosaic/layout.js';

export const SYSTEM_LAYOUTS: Partial<Record<SystemId, SystemLayout>> & Record<'mosaic', SystemLayout> = {
  mosaic,
};

export function systemLayout(system: SystemId): SystemLayout | undefined {
  return SYSTEM_LAYOUTS[system];
}
