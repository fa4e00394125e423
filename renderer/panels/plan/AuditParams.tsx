/** A call's parameters as a readable table: one row per parameter, lists of plain values on one
 * line, structures (IpPermissions, TagSpecifications…) as nested tables of their own.
 */
type Value = unknown;

function isPlain(v: Value): v is string | number | boolean | null | undefined {
  return v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function plainText(v: string | number | boolean | null | undefined): string {
  return v === null || v === undefined ? '—' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
}

function ValueCell({ value }: { value: Value }) {
  if (isPlain(value)) return <span className="mono">{plainText(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    if (value.every(isPlain)) return <span className="mono">{value.map(plainText).join(', ')}</span>;
    return (
      <ol className="audit-param-list">
        {value.map((item, i) => (
          // Items of a call's parameters have no identity but their place.
          <li key={i}>
            <ValueCell value={item} />
          </li>
        ))}
      </ol>
    );
  }
  return <ParamRows params={value as Readonly<Record<string, Value>>} />;
}

function ParamRows({ params }: { params: Readonly<Record<string, Value>> }) {
  const entries = Object.entries(params);
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <table className="audit-param-table">
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              <ValueCell value={value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The parameters of one audit entry. */
export function AuditParams({ parameters }: { parameters: Readonly<Record<string, Value>> }) {
  return <ParamRows params={parameters} />;
}
