import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '../use-debounced-value';

/** A record chosen in a picker: what a form sends (the id) and what it shows (the name). */
export interface Picked {
  id: number;
  name: string;
}

interface SearchPickerProps<T extends { id: number }> {
  value: Picked | null;
  onChange: (picked: Picked | null) => void;
  /** A record not to offer (the one being merged into). */
  exclude?: number;
  label: string;
  placeholder: string;
  /** The query key's root (the list's path), so the list's invalidations reach the picker too. */
  path: string;
  search: (q: string, signal: AbortSignal) => Promise<T[]>;
  picked: (item: T) => Picked;
  /** The option's line: the name in bold, then what tells two of that name apart. */
  option: (item: T) => ReactNode;
  noMatch: (q: string) => string;
}

/** Search-as-you-type chooser of one record by name (the API takes its id): contacts, companies. */
export function SearchPicker<T extends { id: number }>({ value, onChange, exclude, label, placeholder, path, search, picked, option, noMatch }: SearchPickerProps<T>) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(text.trim(), 250);
  const results = useQuery({
    queryKey: [path, 'picker', q],
    queryFn: ({ signal }) => search(q, signal),
    enabled: open && q.length > 0,
  });
  const found = results.data?.filter((item) => item.id !== exclude);

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
        placeholder={placeholder}
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
          {found?.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                role="option"
                aria-selected="false"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  onChange(picked(item));
                  setText('');
                  setOpen(false);
                }}
              >
                {option(item)}
              </button>
            </li>
          ))}
          {found && found.length === 0 && <li className="muted">{noMatch(q)}</li>}
        </ul>
      )}
    </div>
  );
}
