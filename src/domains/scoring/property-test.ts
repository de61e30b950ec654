// The grammar moved to domains/conditions (one matcher for fit rules, MQL conditions and routing);
// this path stays so existing imports keep working.
export * from '../conditions/property-test.js';
