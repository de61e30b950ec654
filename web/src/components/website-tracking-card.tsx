import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiPost } from '../api';
import { formatDateTime } from '../format';
import { useCursorList } from '../use-cursor-list';
import { CopyButton } from './copy-button';
import { DataTable } from './data-table';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';
import { LoadMore } from './load-more';
import { RevocableCells } from './revocable-cells';
import { SecretOnce } from './secret-once';
import { TableCard } from './table-card';

const keysKey = ['/api/write-keys'] as const;

/**
 * The tracker tag for a website. The origin is the one this page was loaded from: the address people
 * reach Revloop at, which is what a website must call too.
 */
function trackerSnippet(key: string, origin = window.location.origin): string {
  return `<script async src="${origin}/t.js" data-write-key="${key}" data-respect-dnt></script>`;
}

/** Write keys for websites and apps (they can only send events), and the tracker snippet ready to paste. Admins only. */
export function WebsiteTrackingCard() {
  const queryClient = useQueryClient();
  const keys = useCursorList(keysKey[0], {});
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => apiPost('/api/write-keys', { body: { name: name.trim() } }),
    onSuccess: () => {
      setName('');
      return queryClient.invalidateQueries({ queryKey: keysKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => apiDelete('/api/write-keys/{id}', { params: { path: { id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysKey }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const snippet = create.isSuccess ? trackerSnippet(create.data.key) : null;

  return (
    <TableCard
      title="Website tracking"
      testId="website-tracking"
      note={
        <>
          Each website or app sends page views, form submissions and events with a write key of its own. A write key can only send events; revoking one makes every
          Revloop server refuse it within a second. Segment and RudderStack libraries work too: point their host at this server and give them the key.
        </>
      }
    >
      <ErrorMessage error={revoke.error} />
      <DataTable
        testId="write-keys-table"
        error={keys.error}
        loading={keys.isPending}
        columns={['Name', 'Created', 'Status', '']}
        empty={keys.isSuccess ? 'No write keys yet: create one for your website below.' : undefined}
        rows={keys.items.map((k) => (
          <tr key={k.id} data-testid="write-key-row" data-name={k.name}>
            <td className="cell-main">{k.name}</td>
            <td className="nowrap">{formatDateTime(k.created_at)}</td>
            <RevocableCells revokedAt={k.revoked_at} what={`the write key “${k.name}”`} consequence="Sites and apps sending with it are refused" pending={revoke.isPending} onRevoke={() => revoke.mutate(k.id)} />
          </tr>
        ))}
      />
      <LoadMore hasNextPage={keys.hasNextPage} isFetchingNextPage={keys.isFetchingNextPage} fetchNextPage={keys.fetchNextPage} label="Show more" />
      <div className="card-section">
        <h3 className="subhead">Add a website</h3>
        {create.isSuccess && snippet && (
          <SecretOnce
            testId="write-key-secret"
            message={`Write key “${create.data.name}” created. Copy it or the snippet now: the key is shown only this once.`}
            secret={create.data.key}
            copyLabel="Copy key"
          >
            <div>Paste this into every page of the site, before &lt;/head&gt;:</div>
            <pre className="snippet" data-testid="tracker-snippet">{snippet}</pre>
            <div>
              <CopyButton text={snippet} label="Copy snippet" testId="copy-snippet" />
            </div>
          </SecretOnce>
        )}
        <form className="form" onSubmit={submit} noValidate data-testid="write-key-form">
          <ErrorMessage error={create.error} shownFields={['name']} />
          <Field label="Name" name="name" error={create.error} hint="Which site or app sends with it, e.g. www.example.com">
            <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <FormActions label="Create write key" pendingLabel="Creating…" pending={create.isPending} disabled={!name.trim()} />
        </form>
        {!create.isSuccess && (
          <p className="muted small">
            The snippet to paste into the site, with the new key in it, is shown once the key is created. It loads Revloop&apos;s small tracker from this server, which
            records page views with their campaign tags and form submissions, and skips visitors whose browser asks not to be tracked.
          </p>
        )}
      </div>
    </TableCard>
  );
}
