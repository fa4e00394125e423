/** The right-hand panel: inspector, findings and profiles. */
import { ProfilesPanel } from './ProfilesPanel';

/** Side panel frame. */
export function SidePanel() {
  return (
    <aside className="side-panel" aria-label="Side panel">
      <ProfilesPanel />
    </aside>
  );
}
