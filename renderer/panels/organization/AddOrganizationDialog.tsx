/** "Add organization…": pick the sign-in profile, read its organisation (OU tree, accounts with
 * names, ids and statuses), choose the OUs, the read-only role, an ExternalId and whether the
 * full-admin OrganizationAccountAccessRole may stand in, then scan.
 *
 * Without Organizations rights an Identity Center profile reads as the accounts its sign-in may
 * use (no OU tree): the role is then a permission set.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';

import type { ApiError } from '../../../shared/core/result';
import type { Organization, OrganizationAccount, OrganizationUnit } from '../../../shared/model/organization';
import { isScannable } from '../../../shared/model/organization';
import type { OrganizationScanRequest } from '../../../shared/model/organization-request';
import { DEFAULT_READ_ONLY_ROLE, ORGANIZATION_ACCOUNT_ACCESS_ROLE, organizationRequestProblem } from '../../../shared/model/organization-request';
import { AWS_REGIONS } from '../../discovery/aws-regions';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { CommandText } from './CommandText';
import './organization.css';
import { ModalDialog } from '../../chrome/ModalDialog';

const DEFAULT_REGIONS = AWS_REGIONS.filter((r) => !r.optIn).map((r) => r.name);

type Source = 'aws' | 'sandbox';

/** The profile a sign-in most likely is: the remembered one, else one named for the network or management account. */
function likelySignIn(profiles: readonly string[], remembered?: string): string {
  if (remembered && profiles.includes(remembered)) return remembered;
  return profiles.find((p) => /network|management|mgmt|root|org/i.test(p)) ?? profiles[0] ?? '';
}

/** The ids of `id`'s ancestors, nearest first. */
function ancestorsOf(units: ReadonlyMap<string, OrganizationUnit>, id: string): string[] {
  const out: string[] = [];
  let p = units.get(id)?.parentId;
  while (p && !out.includes(p)) {
    out.push(p);
    p = units.get(p)?.parentId;
  }
  return out;
}

/** The dialog; `onClose` when cancelled or once the scan started. */
export function AddOrganizationDialog({ onClose }: { onClose: () => void }) {
  const store = useAppStoreApi();
  const client = useAppStore((s) => s.client);
  const profilesReport = useAppStore((s) => s.profiles);
  const sandbox = useAppStore((s) => s.sandbox);
  const showsSandbox = useAppStore((s) => s.snapshot?.source.startsWith('sandbox:') ?? false);
  const scanRegions = useAppStore((s) => s.scanRegions);
  const awsProfiles = useMemo(() => (profilesReport?.profiles ?? []).map((p) => p.name), [profilesReport]);
  const [source, setSource] = useState<Source>(showsSandbox || awsProfiles.length === 0 ? 'sandbox' : 'aws');
  const remembered = useAppStore((s) => s.organizationRequests[source]);
  const profiles = source === 'sandbox' ? (sandbox?.profiles ?? []) : awsProfiles;
  const [profile, setProfile] = useState('');
  const [reading, setReading] = useState(false);
  const [org, setOrg] = useState<Organization | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [roleName, setRoleName] = useState(remembered?.roleName ?? DEFAULT_READ_ONLY_ROLE);
  const [externalId, setExternalId] = useState(remembered?.externalId ?? '');
  const [fallback, setFallback] = useState(false);
  const [starting, setStarting] = useState(false);
  const permissionSetsId = useId();
  // The sandbox's profiles exist once it runs.
  useEffect(() => {
    if (source !== 'sandbox' || sandbox?.running) return;
    let current = true;
    void client.startSandbox({ scenario: 'demo' }).then((r) => {
      if (!current) return;
      if (r.ok) store.setState({ sandbox: r.value });
      else setError(r.error);
    });
    return () => {
      current = false;
    };
  }, [source, sandbox?.running, client, store]);

  useEffect(() => {
    if (!profiles.includes(profile)) setProfile(likelySignIn(profiles, remembered?.profile));
  }, [profiles, profile, remembered]);

  const read = useCallback(async () => {
    setReading(true);
    setError(undefined);
    setOrg(undefined);
    const r = await client.readOrganization({ source, profile });
    setReading(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setOrg(r.value);
    const root = r.value.rootId ?? r.value.units.find((u) => !u.parentId)?.id;
    const again = remembered?.profile === profile && remembered.ous?.length ? remembered.ous.filter((id) => r.value.units.some((u) => u.id === id)) : [];
    setPicked(new Set(again.length > 0 ? again : root ? [root] : []));
    if (r.value.source === 'identity-center') setRoleName(remembered?.profile === profile ? (remembered.roleName ?? '') : '');
  }, [client, source, profile, remembered]);

  const units = useMemo(() => new Map((org?.units ?? []).map((u) => [u.id, u])), [org]);
  const rootId = org ? (org.rootId ?? org.units.find((u) => !u.parentId)?.id) : undefined;
  const isPicked = useCallback((id: string | undefined) => !!id && (picked.has(id) || ancestorsOf(units, id).some((a) => picked.has(a))), [picked, units]);
  const toggle = useCallback(
    (id: string) => {
      setPicked((prev) => {
        const next = new Set(prev);
        const path = ancestorsOf(units, id);
        const pickedAbove = path.findIndex((a) => next.has(a));
        if (pickedAbove >= 0) {
          // Leave one OU out of a picked OU above it: pick that OU's other branches instead (its
          // own accounts cannot be picked apart from the OUs below it).
          const chain = [id, ...path.slice(0, pickedAbove + 1)];
          next.delete(chain[chain.length - 1]!);
          for (let i = chain.length - 1; i > 0; i--) {
            for (const u of units.values()) if (u.parentId === chain[i] && u.id !== chain[i - 1]) next.add(u.id);
          }
        } else if (next.has(id)) next.delete(id);
        else {
          next.add(id);
          for (const p of [...next]) if (p !== id && ancestorsOf(units, p).includes(id)) next.delete(p);
        }
        return next;
      });
    },
    [units],
  );

  const treeOrg = org?.source === 'organizations' && org.units.length > 0;
  const scanned = (org?.accounts ?? []).filter((a) => isScannable(a) && (!treeOrg || isPicked(a.parentId)));
  const regions = scanRegions && scanRegions.length > 0 ? scanRegions : DEFAULT_REGIONS;
  const request: OrganizationScanRequest = {
    profile,
    ...(roleName.trim() ? { roleName: roleName.trim() } : {}),
    ...(externalId.trim() && org?.source === 'organizations' ? { externalId: externalId.trim() } : {}),
    ...(fallback && org?.source === 'organizations' ? { allowOrganizationAccountAccessRole: true } : {}),
    ...(treeOrg && rootId && !picked.has(rootId) ? { ous: [...picked].sort() } : {}),
    regions: [...regions],
  };
  const problem = organizationRequestProblem(request) ?? (org && scanned.length === 0 ? 'No active account in the chosen OUs: choose an OU with accounts.' : undefined);

  const start = useCallback(async () => {
    setStarting(true);
    onClose();
    await store.getState().startOrganizationScan(source, request);
  }, [source, request, onClose, store]);

  const renderUnit = (u: OrganizationUnit) => {
    const children = org!.units.filter((c) => c.parentId === u.id).sort((x, y) => x.name.localeCompare(y.name));
    const accounts = org!.accounts.filter((a) => a.parentId === u.id).sort((x, y) => (x.name ?? x.id).localeCompare(y.name ?? y.id));
    const underPicked = ancestorsOf(units, u.id).some((a) => picked.has(a));
    return (
      <li key={u.id} data-unit={u.id}>
        <label className="pick" title={underPicked ? `${u.id}: scanned with the OU above it; uncheck to leave it out` : u.id}>
          <input type="checkbox" checked={isPicked(u.id)} onChange={() => toggle(u.id)} aria-label={`Scan ${u.parentId ? u.name : 'the whole organization'}`} />
          <strong>{u.parentId ? u.name : 'Root'}</strong> <span className="muted mono small">{u.id}</span>
        </label>
        <ul>
          {accounts.map((a) => (
            <AccountLine key={a.id} account={a} picked={isPicked(u.id)} />
          ))}
          {children.map((c) => renderUnit(c))}
        </ul>
      </li>
    );
  };
  const root = rootId ? units.get(rootId) : undefined;
  const permissionSets = [...new Set((org?.accounts ?? []).flatMap((a) => a.roles ?? []))].sort();

  return (
    <ModalDialog title="Add organization" onClose={onClose} className="org-dialog" testId="add-organization">
      <p className="small muted">
        Peerscape signs in once (the management account, a delegated administrator, or an IAM Identity Center profile), lists the organisation&apos;s accounts and
        assumes a read-only role in each of them.
      </p>

      <div className="field-row">
        {(sandbox?.running || source === 'sandbox') && awsProfiles.length > 0 && (
          <label className="field">
            Where
            <select value={source} onChange={(e) => setSource(e.target.value as Source)} aria-label="Where the organization is">
              <option value="sandbox">Sandbox demo</option>
              <option value="aws">AWS (your profiles)</option>
            </select>
          </label>
        )}
        <label className="field">
          Sign-in profile
          <select value={profile} onChange={(e) => setProfile(e.target.value)} aria-label="Sign-in profile">
            {profiles.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      {profiles.length === 0 && (
        <p className="small muted">{source === 'sandbox' ? 'Starting the sandbox…' : 'No AWS profile: add the management account’s profile to your AWS config, or try the sandbox.'}</p>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void read()} disabled={!profile || reading}>
          {reading ? 'Reading…' : org ? 'Read again' : 'Read organization'}
        </button>
      </div>

      {error && (
        <div className="problem" role="alert" data-testid="organization-error">
          <strong>
            <CommandText text={error.message} />
          </strong>
          {error.fix && (
            <>
              {' '}
              — <CommandText text={error.fix} />
            </>
          )}
        </div>
      )}

      {org && (
        <section aria-label="Organization" data-testid="organization-tree">
          {org.source === 'identity-center' ? (
            <p className="small" data-testid="identity-center-note">
              This sign-in may not list the organisation (no Organizations rights): these are the {org.accounts.length} accounts its IAM Identity Center portal offers. Each
              is scanned with a permission set, not a role.
            </p>
          ) : (
            <p className="small muted">
              Organization <span className="mono">{org.id}</span> · {org.accounts.length} accounts, {org.accounts.filter((a) => !isScannable(a)).length} not active (listed,
              never scanned). Choose the OUs to scan: an OU includes every OU below it.
            </p>
          )}
          <div className="org-tree-scroll">
            <ul className="org-tree" aria-label="Organizational units and accounts">
              {treeOrg && root ? renderUnit(root) : org.accounts.map((a) => <AccountLine key={a.id} account={a} picked />)}
            </ul>
          </div>
          <p className="small" data-testid="org-scan-count">
            {scanned.length} active account{scanned.length === 1 ? '' : 's'} × {regions.length} region{regions.length === 1 ? '' : 's'} (the regions chosen in the Discovery tab)
          </p>

          <div className="field-row">
            <label className="field">
              {org.source === 'identity-center' ? 'Permission set' : 'Role name in each account'}
              <input
                value={roleName}
                onChange={(e) => setRoleName(e.target.value)}
                list={permissionSets.length ? `${permissionSetsId}` : undefined}
                placeholder={org.source === 'identity-center' ? 'the profile’s sso_role_name' : DEFAULT_READ_ONLY_ROLE}
                aria-label="Role name"
                spellCheck={false}
              />
              {permissionSets.length > 0 && (
                <datalist id={`${permissionSetsId}`}>
                  {permissionSets.map((r) => (
                    <option key={r} value={r} />
                  ))}
                </datalist>
              )}
            </label>
            {org.source === 'organizations' && (
              <label className="field">
                ExternalId (optional)
                <input value={externalId} onChange={(e) => setExternalId(e.target.value)} aria-label="ExternalId" spellCheck={false} placeholder="the ExternalId the role trusts" />
              </label>
            )}
          </div>
          {org.source === 'organizations' && (
            <p className="small muted" data-testid="role-template-hint">
              No role yet? <code>peerscape role-template &gt; peerscape-role.yaml</code> prints a CloudFormation template of the read-only role; deploy it to every account with
              a StackSet, trusting the sign-in&apos;s account and your ExternalId.
            </p>
          )}
          {org.source === 'organizations' && (
            <div className="warning">
              <label className="pick">
                <input type="checkbox" checked={fallback} onChange={(e) => setFallback(e.target.checked)} aria-label={`Allow ${ORGANIZATION_ACCOUNT_ACCESS_ROLE} as a fallback`} />
                Allow {ORGANIZATION_ACCOUNT_ACCESS_ROLE} (full admin) as a fallback
              </label>
              <span className="warn-text">
                It is full administrator in each account Organizations created: Peerscape only reads with it, but prefer deploying the read-only role. It is tried only
                where the role above is refused.
              </span>
            </div>
          )}
        </section>
      )}

      {problem && (
        <p className="bad-text small" role="alert" data-testid="organization-problem">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void start()} disabled={!org || !!problem || starting}>
          Scan {scanned.length || ''} account{scanned.length === 1 ? '' : 's'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}

function AccountLine({ account: a, picked }: { account: OrganizationAccount; picked: boolean }) {
  const active = isScannable(a);
  return (
    <li className={`org-tree-account${active ? '' : ' suspended'}${picked ? '' : ' unpicked'}`} data-account={a.id} data-status={a.status}>
      <span>{a.name ?? a.id}</span>
      <span className="muted mono small">{a.id}</span>
      {!active && <span className="badge warn-text">{a.status.toLowerCase().replace('_', ' ')} · not scanned</span>}
      {a.roles && a.roles.length > 0 && <span className="muted small">{a.roles.join(', ')}</span>}
    </li>
  );
}
