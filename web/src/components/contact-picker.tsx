import { apiGet } from '../api';
import { contactName } from '../format';
import { SearchPicker, type Picked } from './search-picker';

export type PickedContact = Picked;

interface ContactPickerProps {
  value: PickedContact | null;
  onChange: (contact: PickedContact | null) => void;
  /** A contact not to offer (the one being merged into). */
  exclude?: number;
  label?: string;
}

/** Search-as-you-type contact chooser (name, email or company), as CompanyPicker is for companies. */
export function ContactPicker({ value, onChange, exclude, label = 'Contact' }: ContactPickerProps) {
  return (
    <SearchPicker
      value={value}
      onChange={onChange}
      exclude={exclude}
      label={label}
      placeholder="Search contacts…"
      path="/api/contacts"
      search={async (q, signal) => (await apiGet('/api/contacts', { params: { query: { q, limit: 8 } }, signal })).data}
      picked={(c) => ({ id: c.id, name: contactName(c) })}
      option={(c) => (
        <>
          <strong>{contactName(c)}</strong>
          {c.email && <span className="muted"> · {c.email}</span>}
          {c.company_name && <span className="muted"> · {c.company_name}</span>}
        </>
      )}
      noMatch={(q) => `No contact matches “${q}”.`}
    />
  );
}
