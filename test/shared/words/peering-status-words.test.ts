/** AWS's status message beside a peering's status: only what it adds. */
import { describe, expect, it } from 'vitest';

import { statusMessageBeyond } from '../../../shared/words/peering-status-words';

describe('statusMessageBeyond', () => {
  it('drops a message that only repeats the status, and keeps what follows it', () => {
    expect(statusMessageBeyond('active', 'Active')).toBeUndefined();
    expect(statusMessageBeyond('provisioning', 'Provisioning')).toBeUndefined();
    expect(statusMessageBeyond('pending-acceptance', 'Pending Acceptance by 111122223333')).toBe('by 111122223333');
    expect(statusMessageBeyond('initiating-request', 'Initiating Request to 444455556666')).toBe('to 444455556666');
    expect(statusMessageBeyond('deleted', 'Deleted by 111122223333')).toBe('by 111122223333');
    expect(statusMessageBeyond('active', undefined)).toBeUndefined();
  });

  it('keeps a message that says something of its own', () => {
    expect(statusMessageBeyond('failed', 'Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range')).toBe('due to incorrect VPC-ID, Account ID, or overlapping CIDR range');
    expect(statusMessageBeyond('rejected', 'The owner said no')).toBe('The owner said no');
  });
});
