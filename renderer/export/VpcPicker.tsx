/** A searchable VPC picker: type part of a name, id, CIDR block, account or region, pick from the list.
 *
 * A combobox (an input that owns a listbox): arrows move through the matches, Enter picks, Escape
 * closes the list. The picked VPC is shown as its name, id and blocks; *Change* searches again.
 */
import { useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';

/** One VPC the picker offers. */
export interface VpcChoice {
  readonly id: string;
  readonly name?: string;
  readonly cidrs: readonly string[];
  readonly accountId: string;
  /** The account's alias or profile, as the canvas names it. */
  readonly accountName?: string;
  readonly region: string;
}

/** Most matches listed at once; the search narrows the rest. */
const MAX_LISTED = 50;

/** The VPCs whose name, id, blocks, account or region hold every word of `query` (case-insensitive). */
export function matchVpcs(vpcs: readonly VpcChoice[], query: string): readonly VpcChoice[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return vpcs;
  return vpcs.filter((v) => {
    const text = [v.name ?? '', v.id, ...v.cidrs, v.accountId, v.accountName ?? '', v.region].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** `web-prod (vpc-0abc…)` or the id alone. */
export function vpcChoiceLabel(v: VpcChoice): string {
  return v.name ? `${v.name} (${v.id})` : v.id;
}

/** Props of `VpcPicker`. */
export interface VpcPickerProps {
  /** The field's label ("Requester VPC"). */
  readonly label: string;
  readonly vpcs: readonly VpcChoice[];
  /** The picked VPC's id, or '' for none. */
  readonly value: string;
  onChange(id: string): void;
  /** VPC ids not offered (the other side of the pair). */
  readonly exclude?: readonly string[];
}

/** One labelled picker. */
export function VpcPicker({ label, vpcs, value, onChange, exclude = [] }: VpcPickerProps) {
  const inputId = useId();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const picked = vpcs.find((v) => v.id === value);
  const matches = useMemo(() => matchVpcs(vpcs, query).filter((v) => !exclude.includes(v.id)), [vpcs, query, exclude]);
  const listed = matches.slice(0, MAX_LISTED);

  const pick = (v: VpcChoice) => {
    onChange(v.id);
    setQuery('');
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (listed.length > 0) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : listed.length - 1)) % listed.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const v = listed[active];
      if (open && v) pick(v);
    } else if (e.key === 'Escape' && open) {
      // Closes the list, not the dialog.
      e.stopPropagation();
      setOpen(false);
    }
  };

  if (picked) {
    return (
      <div className="vpc-picker" role="group" aria-label={label}>
        <span className="vpc-picker-label">{label}</span>
        <div className="vpc-picked" data-testid={`picked-${label}`}>
          <strong>{picked.name ?? picked.id}</strong>
          {picked.name && <span className="mono muted small">{picked.id}</span>}
          <div className="mono small muted">
            {picked.cidrs.join(', ')} · {picked.accountName ?? picked.accountId} · {picked.region}
          </div>
          <button type="button" className="link small" onClick={() => onChange('')} aria-label={`Change the ${label.toLowerCase()}`}>
            Change
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="vpc-picker">
      <label className="vpc-picker-label" htmlFor={inputId}>
        {label}
      </label>
      <input
        id={inputId}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && listed[active] ? `${listId}-${listed[active].id}` : undefined}
        placeholder="Search name, vpc-id, CIDR, account…"
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label={`${label} matches`} className="vpc-options">
          {listed.map((v, i) => (
            <li
              key={v.id}
              id={`${listId}-${v.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              // Before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(v);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span>
                <strong>{v.name ?? v.id}</strong>
                {v.name && <span className="mono muted"> {v.id}</span>}
              </span>
              <span className="mono muted small">
                {v.cidrs.join(', ')} · {v.accountName ?? v.accountId} · {v.region}
              </span>
            </li>
          ))}
          {matches.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" className="muted">
              No VPC matches “{query.trim()}”.
            </li>
          )}
          {matches.length > listed.length && (
            <li role="presentation" className="muted small">
              {matches.length - listed.length} more: type more to narrow the list.
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
