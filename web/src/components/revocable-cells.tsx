import { formatDateTime } from '../format';
import { StatusPill } from './status-pill';

interface RevocableCellsProps {
  revokedAt: string | null;
  /** "the API token “ci”": what the confirmation names. */
  what: string;
  /** Who is refused once it is revoked, for the confirmation. */
  consequence: string;
  pending: boolean;
  onRevoke: () => void;
}

/** A secret credential's last two cells: active or revoked (and when), and Revoke, after the browser's own "are you sure?". */
export function RevocableCells({ revokedAt, what, consequence, pending, onRevoke }: RevocableCellsProps) {
  return (
    <>
      <td>
        <StatusPill value={revokedAt ? 'revoked' : 'active'} title={revokedAt ? `Revoked ${formatDateTime(revokedAt)}` : undefined} />
      </td>
      <td>
        <div className="row-actions">
          {!revokedAt && (
            <button type="button" className="btn btn-small btn-danger" disabled={pending} onClick={() => window.confirm(`Revoke ${what}? ${consequence} from now on; this cannot be undone.`) && onRevoke()}>
              Revoke
            </button>
          )}
        </div>
      </td>
    </>
  );
}
