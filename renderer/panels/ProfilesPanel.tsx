/** The AWS profiles found in the user's shared config files, or how to get started without any.
 *
 * Each profile has a checkbox choosing whether the next scan uses it.
 */
import { useCallback, useMemo } from 'react';
import type { ChangeEvent } from 'react';

import type { ProfileKind } from '../../shared/api/dto';
import { useAppStore } from '../store/store-context';

const KIND_LABEL: Record<ProfileKind, string> = {
  static: 'access keys',
  sso: 'SSO',
  'assume-role': 'assume role',
  'credential-process': 'credential process',
  environment: 'environment',
  unknown: 'incomplete',
};

/** Lists profiles with their kind and endpoint, and every broken line of the files. */
export function ProfilesPanel() {
  const report = useAppStore((s) => s.profiles);
  const scanProfiles = useAppStore((s) => s.scanProfiles);
  const setScanChoice = useAppStore((s) => s.setScanChoice);
  // Beside a scanned sandbox, "try the sandbox" would be advice already taken.
  const showsSandbox = useAppStore((s) => s.snapshot?.source.startsWith('sandbox:') ?? false);
  const all = useMemo(() => (report?.profiles ?? []).map((p) => p.name), [report]);
  const chosen = scanProfiles ?? all;
  const toggle = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => {
      const name = e.target.value;
      setScanChoice({ profiles: e.target.checked ? [...new Set([...chosen, name])] : chosen.filter((p) => p !== name) });
    },
    [chosen, setScanChoice],
  );
  if (!report) return <p className="muted">Reading AWS profiles…</p>;
  return (
    <section aria-labelledby="profiles-heading" data-testid="profiles-panel">
      <h2 id="profiles-heading">AWS profiles</h2>
      {report.problems.length > 0 && (
        <ul className="problems" aria-label="Problems in AWS config files">
          {report.problems.map((p) => (
            <li key={`${p.file}:${p.line}:${p.message}`} role="alert">
              <strong>
                {p.file}
                {p.line > 0 ? `, line ${p.line}` : ''}
              </strong>
              : {p.message}
            </li>
          ))}
        </ul>
      )}
      {report.profiles.length === 0 ? (
        showsSandbox ? (
          <p className="muted small" data-testid="no-profiles">
            The canvas shows the sandbox. To scan your own accounts, add an AWS profile to {report.configFile} or {report.credentialsFile}.
          </p>
        ) : (
          <div className="empty-profiles" data-testid="no-profiles">
            <p>No AWS profiles found: try the sandbox</p>
            <p className="muted small">
              Looked in {report.configFile} and {report.credentialsFile}.
            </p>
          </div>
        )
      ) : (
        <ul className="profile-list" aria-label="AWS profiles">
          {report.profiles.map((p) => (
            <li key={p.name} className="profile-item">
              <input type="checkbox" value={p.name} checked={chosen.includes(p.name)} onChange={toggle} aria-label={`Scan with ${p.name}`} />
              <span className="profile-name">{p.name}</span>
              <span className={`badge kind-${p.kind}`}>{KIND_LABEL[p.kind]}</span>
              {p.region && <span className="muted small">{p.region}</span>}
              {p.endpointUrl && (
                <span className="muted small" title="endpoint_url">
                  {p.endpointUrl}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
