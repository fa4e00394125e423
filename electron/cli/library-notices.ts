/** Notices libraries would print on the CLI's terminal by themselves, switched off where they start.
 *
 * `peerscape` prints only its own lines: a notice addressed to the developers of a program (which
 * Node versions a library will support next year) means nothing to the person running a scan and
 * buries the CLI's own summary. Each library's own switch is set here, once per process, before
 * any of them loads; the threads a scan starts copy the process's environment when they start,
 * so they get the switch too. Warnings Peerscape's own code could cause (listeners on the abort
 * signal every call of a scan shares) are prevented where the listeners are added instead
 * (electron/discovery/run-discovery.ts and scan-cell.ts).
 */

/** The switches, by environment variable, and what each one silences. */
export const LIBRARY_NOTICE_SWITCHES: Readonly<Record<string, { readonly value: string; readonly silences: string }>> = {
  // @aws-sdk/core reads it in emitWarningIfUnsupportedVersion, called whenever a client is
  // created; it is the SDK's own opt-out of its NodeVersionSupportWarning.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: {
    value: 'true',
    silences: "the AWS SDK's NodeVersionSupportWarning (its future versions' Node requirement), printed once per thread on a Node it calls old",
  },
};

/** Set every switch in `env` (the process's own by default) that the user has not set already. */
export function silenceLibraryNotices(env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, { value }] of Object.entries(LIBRARY_NOTICE_SWITCHES)) {
    if (env[name] === undefined) env[name] = value;
  }
}
