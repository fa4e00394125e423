/** The protocol and port fields of a traffic question (the Reach tab, the pair inspector): the
 * question changes when they read as valid traffic (`parseReachTraffic`), else they say inline
 * what is wrong.
 */
import { useState } from 'react';

import { parseReachTraffic, type ReachTraffic } from '../../shared/analysis/estate-reach';

function protocolText(t: ReachTraffic): string {
  return t.protocol === '-1' ? 'all' : t.protocol;
}

function portText(t: ReachTraffic): string {
  return t.port === undefined ? '' : String(t.port);
}

function sameTraffic(a: ReachTraffic, b: ReachTraffic): boolean {
  return a.protocol === b.protocol && a.port === b.port;
}

/** The fields; `traffic` set from outside (another panel) replaces what they show. */
export function TrafficFields({ traffic, onChange }: { traffic: ReachTraffic; onChange: (t: ReachTraffic) => void }) {
  const [protocol, setProtocol] = useState(protocolText(traffic));
  const [port, setPort] = useState(portText(traffic));
  const [shown, setShown] = useState(traffic);
  const parsed = parseReachTraffic(protocol, port);
  // Traffic changed elsewhere (not by these fields): show it.
  if (!sameTraffic(shown, traffic)) {
    setShown(traffic);
    if (!parsed.ok || !sameTraffic(parsed.value, traffic)) {
      setProtocol(protocolText(traffic));
      setPort(portText(traffic));
    }
  }
  const apply = (p: string, n: string) => {
    setProtocol(p);
    setPort(n);
    const next = parseReachTraffic(p, n);
    if (next.ok) {
      setShown(next.value);
      onChange(next.value);
    }
  };
  return (
    <div className="reach-traffic">
      <label>
        Protocol{' '}
        <select value={protocol} onChange={(e) => apply(e.target.value, e.target.value === 'tcp' || e.target.value === 'udp' ? port : '')} aria-label="Protocol">
          <option value="tcp">TCP</option>
          <option value="udp">UDP</option>
          <option value="icmp">ICMP</option>
          <option value="all">All traffic</option>
        </select>
      </label>
      <label>
        Port{' '}
        <input
          className="reach-port"
          inputMode="numeric"
          value={port}
          disabled={protocol !== 'tcp' && protocol !== 'udp'}
          onChange={(e) => apply(protocol, e.target.value)}
          aria-label="Port"
          aria-invalid={!parsed.ok}
          placeholder="any"
        />
      </label>
      {!parsed.ok && (
        <p className="reach-error bad-text small" role="alert">
          {parsed.error.message}
        </p>
      )}
    </div>
  );
}
