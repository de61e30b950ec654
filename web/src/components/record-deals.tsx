import { Link } from 'react-router-dom';
import type { Deal } from '../api-types';
import { formatDate, formatMoney } from '../format';
import { useCreateDialog } from '../use-create-dialog';
import { useCursorList } from '../use-cursor-list';
import type { PickedContact } from './contact-picker';
import { DataTable, numCol } from './data-table';
import { LoadMore } from './load-more';
import { Modal } from './modal';
import { NewDealForm } from './new-deal-form';

interface RecordDealsProps {
  /** The contact or company whose deals these are; a new deal starts with it filled in. */
  contact?: PickedContact;
  company?: { id: number; name: string } | null;
  canCreate: boolean;
}

/** A contact's or company's deals, with "New deal" opening the form already holding that record. */
export function RecordDeals({ contact, company, canCreate }: RecordDealsProps) {
  const query = contact ? { contact_id: contact.id, sort: '-created_at' } : { company_id: company?.id, sort: '-created_at' };
  const deals = useCursorList('/api/deals', { query }, { enabled: Boolean(contact ?? company) });
  const dialog = useCreateDialog<Deal>();
  return (
    <section className="card card-flush" data-testid="record-deals">
      <div className="card-head card-title-pad">
        <h2 className="card-title">Deals</h2>
        {canCreate && (
          <button type="button" className="btn btn-small" onClick={dialog.show} data-testid="new-deal">
            New deal
          </button>
        )}
      </div>
      <DataTable
        error={deals.error}
        loading={deals.isPending}
        columns={['Deal', 'Stage', numCol('Amount'), 'Close date', 'Owner']}
        empty={contact ? 'No deals with this contact.' : 'No deals with this company.'}
        rows={deals.items.map((d) => (
          <tr key={d.id} data-testid="deal-row" data-id={d.id}>
            <td>
              {d.name}
              {!contact && d.contact_id && (
                <div className="cell-sub">
                  <Link to={`/contacts/${d.contact_id}`}>{d.contact_name ?? 'Contact'}</Link>
                </div>
              )}
              {contact && d.company_id && (
                <div className="cell-sub">
                  <Link to={`/companies/${d.company_id}`}>{d.company_name ?? 'Company'}</Link>
                </div>
              )}
            </td>
            <td>
              <span className={`pill outcome-${d.outcome}`}>{d.stage_label}</span>
            </td>
            <td className="num">{formatMoney(d.amount, d.currency)}</td>
            <td>{formatDate(d.close_date)}</td>
            <td>{d.owner_name ?? '—'}</td>
          </tr>
        ))}
      />
      <LoadMore hasNextPage={deals.hasNextPage} isFetchingNextPage={deals.isFetchingNextPage} fetchNextPage={deals.fetchNextPage} />
      {dialog.open && (
        <Modal title="New deal" onClose={dialog.close}>
          <NewDealForm contact={contact} company={company} onCancel={dialog.close} onCreated={dialog.done} />
        </Modal>
      )}
    </section>
  );
}
