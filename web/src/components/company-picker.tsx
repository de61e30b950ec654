import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import { useDebouncedValue } from '../use-debounced-value';

interface CompanyPickerProps {
  value: { id: number; name: string } | null;
  onChange: (company: { id: number; name: string } | null) => void;
  /** A company not to offer (the one being merged into). */
  exclude?: number;
  label?: string;
}

/** Search-as-you-type company chooser; the API takes a company_id, not a name. */
export function CompanyPicker({ value, onChange, exclude, label = 'Company' }: CompanyPickerProps) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(text.trim(), 250);
  const query = useQuery({
    queryKey: ['/api/companies', 'picker', q],
    queryFn: ({ signal }) => apiGet('/api/companies', { params: { query: { q, limit: 8, sort: 'name' } }, signal }),
    enabled: open && q.length > 0,
  });
  const results = { ...query, data: query.data && { ...query.data, data: query.data.data.filter((c) => c.id !== exclude) } };

  if (value) {
    return (
      <div className="picker-selected">
        <span>{value.name}</span>
        <button type="button" className="btn-link" onClick={() => onChange(null)}>
          Change
        </button>
      </div>
    );
  }
  return (
    <div className="picker">
      <input
        type="search"
        placeholder="Search companies…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        aria-label={label}
      />
      {open && q && (
        <ul className="picker-list" role="listbox">
          {results.isFetching && !results.data && <li className="muted">Searching…</li>}
          {results.data?.data.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                role="option"
                aria-selected="false"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  onChange({ id: c.id, name: c.name });
                  setText('');
                  setOpen(false);
                }}
              >
                <strong>{c.name}</strong>
                {c.domain && <span className="muted"> · {c.domain}</span>}
              </button>
            </li>
          ))}
          {results.data && results.data.data.length === 0 && <li className="muted">No company matches “{q}”.</li>}
        </ul>
      )}
    </div>
  );
}
