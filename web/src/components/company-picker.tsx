import { apiGet } from '../api';
import { SearchPicker, type Picked } from './search-picker';

interface CompanyPickerProps {
  value: Picked | null;
  onChange: (company: Picked | null) => void;
  /** A company not to offer (the one being merged into). */
  exclude?: number;
  label?: string;
}

/** Search-as-you-type company chooser; the API takes a company_id, not a name. */
export function CompanyPicker({ value, onChange, exclude, label = 'Company' }: CompanyPickerProps) {
  return (
    <SearchPicker
      value={value}
      onChange={onChange}
      exclude={exclude}
      label={label}
      placeholder="Search companies…"
      path="/api/companies"
      search={async (q, signal) => (await apiGet('/api/companies', { params: { query: { q, limit: 8, sort: 'name' } }, signal })).data}
      picked={(c) => ({ id: c.id, name: c.name })}
      option={(c) => (
        <>
          <strong>{c.name}</strong>
          {c.domain && <span className="muted"> · {c.domain}</span>}
        </>
      )}
      noMatch={(q) => `No company matches “${q}”.`}
    />
  );
}
