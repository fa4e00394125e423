/** The Peerscape window: toolbar, canvas, side panel and status bar. */
import { useEffect } from 'react';

import { StatusBar } from './chrome/StatusBar';
import { Toolbar } from './chrome/Toolbar';
import { TopologyCanvas } from './graph/TopologyCanvas';
import { SidePanel } from './panels/SidePanel';
import { useAppStore } from './store/store-context';

/** Root component. */
export function App() {
  const loadStartup = useAppStore((s) => s.loadStartup);
  const theme = useAppStore((s) => s.theme);
  useEffect(() => {
    void loadStartup();
  }, [loadStartup]);
  return (
    <div className={`app theme-${theme}`} data-theme={theme}>
      <Toolbar />
      <div className="workspace">
        <TopologyCanvas />
        <SidePanel />
      </div>
      <StatusBar />
    </div>
  );
}
