import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import { contactName } from '../format';
import { useDebouncedValue } from '../use-debounced-value';

export interface PickedContact {
  id: number;
  name: string;
}

interface ContactPickerProps {
  value: PickedContact | null;
  onChange: (contact: PickedContact | null) => void;
  /** A contact not to offer (the one being merged into). */
  exclude?: number;
  label?: string;
}

/** Search-as-you-type contact chooser (name, email or company), as CompanyPicker is for companies. */
export function ContactPicker({ value, onChange, exclude, label = 'Contact' }: ContactPickerProps) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(text.trim(), 250);
  const results = useQuery({
    queryKey: ['/api/contacts', 'picker', q],
    queryFn: ({ signal }) => apiGet('/api/contacts', { params: { query: { q, limit: 8 } }, signal }),
    enabled: open && q.length > 0,
  });
  const found = results.data?.data.filter((c) => c.id !== exclude);

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
        placeholder="Search contacts…"
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
          {found?.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                role="option"
                aria-selected="false"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  onChange({ id: c.id, name: contactName(c) });
                  setText('');
                  setOpen(false);
                }}
              >
                <strong>{contactName(c)}</strong>
                {c.email && <span className="muted"> · {c.email}</span>}
                {c.company_name && <span className="muted"> · {c.company_name}</span>}
              </button>
            </li>
          ))}
          {found && found.length === 0 && <li className="muted">No contact matches “{q}”.</li>}
        </ul>
      )}
    </div>
  );
}
