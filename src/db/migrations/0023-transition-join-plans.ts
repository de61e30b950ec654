export const name = 'transition-join-plans';

// The statement triggers that pair each old row with its new one (OLD TABLE ⋈ NEW TABLE on id) were
// planned as nested loops: the planner knows nothing of a transition table's rows, and a loop over
// both is quadratic. Marking 2,000 processed events cost 463 ms in the trigger, 4,000 cost 2.1 s
// (46 ms and 130 ms as hash joins): the event pipeline spent most of its time there. The functions
// run with nested loops off; the joins they need by nature (LATERAL, the index lookups of their
// refresh) are still nested loops, as the only plan for them.
export const sql = /* sql */ `
ALTER FUNCTION contact_actions_on_update() SET enable_nestloop = off;
ALTER FUNCTION contact_stage_firsts_on_change() SET enable_nestloop = off;
`;
