/** What AWS's status message of a peering says beyond its status.
 *
 * AWS's messages mostly repeat the status with who is involved: "Pending Acceptance by
 * 111122223333", "Initiating Request to 444455556666", "Active". Shown beside the status, the
 * repeated words are noise; what follows them (who) or a message of its own (why it failed) is not.
 */
import type { PeeringStatus } from '../model/topology';

function normalised(text: string): string {
  return text.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The message without the status it repeats ("by 111122223333"), the whole message when it says something else, or `undefined` when it says only the status. */
export function statusMessageBeyond(status: PeeringStatus, message: string | undefined): string | undefined {
  const text = message?.trim();
  if (!text) return undefined;
  const words = normalised(status);
  const said = normalised(text);
  if (said === words || said === `${words}.`) return undefined;
  if (!said.startsWith(`${words} `)) return text;
  // The same number of words, in AWS's spelling, then the rest.
  const rest = text.split(/\s+/).slice(words.split(' ').length).join(' ');
  return rest || undefined;
}
