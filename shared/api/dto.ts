/** Values that cross the API boundary and are not part of the topology model. */

/** What the app reports about itself. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** `electron` inside the desktop app, `browser` through the loopback harness. */
  readonly shell: 'electron' | 'browser';
}

/** How a profile gets its credentials, as the AWS SDK would resolve them. */
export type ProfileKind =
  | 'static'
  | 'sso'
  | 'assume-role'
  | 'credential-process'
  | 'environment'
  | 'unknown';

/** A named profile from the shared config and credentials files (never a secret). */
export interface ProfileSummary {
  readonly name: string;
  readonly kind: ProfileKind;
  /** The profile's default region, if set. */
  readonly region?: string;
  /** `endpoint_url` of the profile (e.g. the sandbox cloud). */
  readonly endpointUrl?: string;
  /** For SSO profiles: the `sso_session` name or start URL, to tell the user what to log in to. */
  readonly ssoSession?: string;
  /** For assume-role profiles. */
  readonly roleArn?: string;
  readonly sourceProfile?: string;
  readonly credentialSource?: string;
  /** Which files define it. */
  readonly definedIn: readonly ('config' | 'credentials')[];
}

/** A line of a shared config file that could not be understood. */
export interface ConfigProblem {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
}

/** The profiles found, where they were looked for, and what was wrong with the files. */
export interface ProfilesReport {
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly profiles: readonly ProfileSummary[];
  readonly problems: readonly ConfigProblem[];
}
