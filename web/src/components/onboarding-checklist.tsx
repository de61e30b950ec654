import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiGet, type ApiAnswer } from '../api';

type Step = ApiAnswer<'/api/onboarding', 'get'>['steps'][number]['step'];

// What each step asks and where it is done (those pages own the work; the checklist only points).
const steps: Record<Step, { label: string; hint: string; to: string; action: string }> = {
  goal: { label: 'Set a revenue goal', hint: 'Reports measure the month against it.', to: '/settings/goals', action: 'Set a goal' },
  users: { label: 'Add your team', hint: 'Reps get leads, managers hear about missed ones.', to: '/settings/team', action: 'Add users' },
  tracker: { label: 'Install the website tracker', hint: 'Done when the first visit arrives.', to: '/settings/integrations', action: 'Get the snippet' },
  contacts: { label: 'Import contacts', hint: 'From a spreadsheet or your old CRM.', to: '/import', action: 'Import' },
  mql_definition: { label: 'Define the MQL', hint: 'What makes a lead ready for sales.', to: '/settings/mql-definition', action: 'Define it' },
};

// No per-user preferences are stored on the server yet: hiding is remembered by this browser, per user.
const hiddenKey = (userId: number) => `revloop.onboarding.hidden.${userId}`;

/**
 * The first-start checklist for an admin, ticked from the data itself (GET /api/onboarding): shown
 * until every step is done or the admin hides it.
 */
export function OnboardingChecklist({ userId }: { userId: number }) {
  const [hidden, setHidden] = useState(() => localStorage.getItem(hiddenKey(userId)) === '1');
  // On a phone the steps start folded away, so the page itself still begins on the first screen.
  const [narrow] = useState(() => window.matchMedia('(max-width: 720px)').matches);
  const [open, setOpen] = useState(!narrow);
  const status = useQuery({
    queryKey: ['/api/onboarding'],
    queryFn: ({ signal }) => apiGet('/api/onboarding', { signal }),
    enabled: !hidden,
  });
  if (hidden || !status.data || status.data.done === status.data.total) return null;
  const hide = () => {
    localStorage.setItem(hiddenKey(userId), '1');
    setHidden(true);
  };
  return (
    <section className="card onboarding" data-testid="onboarding-checklist" aria-labelledby="onboarding-title">
      <div className="card-head">
        <h2 className="card-title" id="onboarding-title">
          {narrow ? 'Set-up' : 'Get Revloop ready'} <span className="muted" data-testid="onboarding-progress">{status.data.done} of {status.data.total} done</span>
        </h2>
        <div className="button-row">
          {narrow && (
            <button type="button" className="btn btn-small" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="onboarding-steps" data-testid="onboarding-toggle">
              {open ? 'Fold' : 'Steps'}
            </button>
          )}
          <button type="button" className="btn btn-small" onClick={hide} data-testid="onboarding-hide">
            Hide
          </button>
        </div>
      </div>
      {open && (
        <ol className="onboarding-steps" id="onboarding-steps">
          {status.data.steps.map((s) => {
            const step = steps[s.step];
            return (
              <li key={s.step} className={s.done ? 'onboarding-step done' : 'onboarding-step'} data-testid="onboarding-step" data-done={s.done}>
                <span className="onboarding-mark" aria-hidden="true">
                  {s.done ? '✓' : ''}
                </span>
                <span className="onboarding-text">
                  <span className="onboarding-label">
                    {step.label}
                    <span className="visually-hidden">{s.done ? ' (done)' : ' (to do)'}</span>
                  </span>
                  <span className="muted">{step.hint}</span>
                </span>
                {!s.done && (
                  <Link className="btn btn-small" to={step.to}>
                    {step.action}
                  </Link>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
