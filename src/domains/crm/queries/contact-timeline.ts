// One ordered history of a contact: stage changes, activities, deals and their stage moves,
// property changes, marketing events and merges. Keyset-paginated on (at, type, id), newest first.
export const contactTimelineSql = /* sql */ `
SELECT type, id, at, data FROM (
  SELECT 'stage_change' AS type, st.id, st.at,
         jsonb_build_object('from', st.from_stage, 'to', st.to_stage, 'kind', st.kind, 'reason', st.reason,
                            'actor_type', st.actor_type, 'actor_id', st.actor_id, 'actor_name', u.name,
                            'from_label', lf.label, 'to_label', lt.label) AS data
    FROM stage_transitions st
    LEFT JOIN users u ON st.actor_type IN ('user', 'api') AND u.id::text = st.actor_id
    LEFT JOIN lifecycle_stages lf ON lf.key = st.from_stage
    LEFT JOIN lifecycle_stages lt ON lt.key = st.to_stage
   WHERE st.object_type = 'contact' AND st.object_id = $1
  UNION ALL
  SELECT 'activity', a.id, a.occurred_at,
         jsonb_build_object('type', a.type, 'direction', a.direction, 'outcome', a.outcome, 'subject', a.subject,
                            'body', left(a.body, 500), 'user_id', a.user_id, 'user_name', u.name, 'duration_seconds', a.duration_seconds)
    FROM activities a LEFT JOIN users u ON u.id = a.user_id
   WHERE a.contact_id = $1
  UNION ALL
  SELECT 'deal_created', d.id, d.created_at,
         jsonb_build_object('deal_id', d.id, 'name', d.name, 'amount', d.amount, 'currency', d.currency, 'stage', d.stage, 'stage_label', ps.label)
    FROM deals d LEFT JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
   WHERE d.contact_id = $1
  UNION ALL
  SELECT 'deal_stage', pc.id, pc.at,
         jsonb_build_object('deal_id', d.id, 'name', d.name, 'from', pc.old_value, 'to', pc.new_value,
                            'lost_reason', COALESCE((SELECT r.label FROM deal_reasons r WHERE r.outcome = 'lost' AND r.code = d.lost_reason), d.lost_reason), 'amount', d.amount, 'currency', d.currency,
                            'from_label', pf.label, 'to_label', pt.label, 'actor_type', pc.actor_type, 'actor_name', u.name)
    FROM property_changes pc JOIN deals d ON pc.object_type = 'deal' AND d.id = pc.object_id
    LEFT JOIN pipeline_stages pf ON pf.pipeline_id = d.pipeline_id AND pf.key = pc.old_value #>> '{}'
    LEFT JOIN pipeline_stages pt ON pt.pipeline_id = d.pipeline_id AND pt.key = pc.new_value #>> '{}'
    LEFT JOIN users u ON pc.actor_type IN ('user', 'api') AND u.id::text = pc.actor_id
   WHERE d.contact_id = $1 AND pc.property = 'stage'
  UNION ALL
  SELECT 'property_change', pc.id, pc.at,
         jsonb_build_object('property', pc.property, 'from', pc.old_value, 'to', pc.new_value, 'actor_type', pc.actor_type, 'actor_id', pc.actor_id,
                            'actor_name', u.name, 'label', pd.label,
                            -- An owner or a company is shown by its name, not its id.
                            'from_name', COALESCE(uf.name, cf.name), 'to_name', COALESCE(ut.name, ct.name))
    FROM property_changes pc
    LEFT JOIN users u ON pc.actor_type IN ('user', 'api') AND u.id::text = pc.actor_id
    LEFT JOIN property_definitions pd ON pd.object_type = 'contact' AND pc.property = 'properties.' || pd.name
    LEFT JOIN users uf ON pc.property = 'owner_id' AND uf.id::text = pc.old_value #>> '{}'
    LEFT JOIN users ut ON pc.property = 'owner_id' AND ut.id::text = pc.new_value #>> '{}'
    LEFT JOIN companies cf ON pc.property = 'company_id' AND cf.id::text = pc.old_value #>> '{}'
    LEFT JOIN companies ct ON pc.property = 'company_id' AND ct.id::text = pc.new_value #>> '{}'
   WHERE pc.object_type = 'contact' AND pc.object_id = $1
  UNION ALL
  SELECT 'event', e.id, e.timestamp,
         jsonb_build_object('type', e.type, 'event', e.event,
                            'url', COALESCE(e.properties->>'url', e.context->'page'->>'url'),
                            'title', COALESCE(e.properties->>'title', e.context->'page'->>'title'),
                            'properties', e.properties)
    FROM events e WHERE e.contact_id = $1
  UNION ALL
  SELECT 'merge', m.id, m.at,
         jsonb_build_object('loser_id', m.loser_id, 'loser_email', m.loser_snapshot->>'email', 'actor_type', m.actor_type, 'actor_id', m.actor_id, 'actor_name', u.name)
    FROM merges m LEFT JOIN users u ON m.actor_type IN ('user', 'api') AND u.id::text = m.actor_id
   WHERE m.object_type = 'contact' AND m.winner_id = $1
  UNION ALL
  SELECT 'score_change', h.id, h.at,
         jsonb_build_object('fit', h.fit, 'interest', h.interest, 'quadrant', h.quadrant, 'prev_fit', h.prev_fit,
                            'prev_interest', h.prev_interest, 'prev_quadrant', h.prev_quadrant, 'reason', h.reason)
    FROM contact_score_history h WHERE h.contact_id = $1
) x
WHERE $2::timestamptz IS NULL OR (x.at, x.type, x.id) < ($2::timestamptz, $3::text, $4::bigint)
ORDER BY x.at DESC, x.type DESC, x.id DESC
LIMIT $5`;
