/**
 * The day the tests' audits run, fixed so that golden reports do not move with the calendar:
 * an event after it is a typing error, an event between the audit date and it is outside
 * the audit.
 */
export const TEST_TODAY = '2026-11-27';
