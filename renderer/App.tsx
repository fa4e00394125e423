/** The Peerscape window: toolbar, canvas, side panel and status bar. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useRef } from 'react';

import { StatusBar } from './chrome/StatusBar';
import { Toolbar } from './chrome/Toolbar';
import { useShortcuts } from './chrome/use-shortcuts';
import { TopologyCanvas } from './graph/TopologyCanvas';
import { SidePanel } from './panels/SidePanel';
import { useAppStore } from './store/store-context';
import { useThemeVariables } from './theme/apply-theme';

function Window() {
  const loadStartup = useAppStore((s) => s.loadStartup);
  const theme = useAppStore((s) => s.theme);
  const root = useRef<HTMLDivElement>(null);
  useThemeVariables(root, theme);
  useShortcuts();
  useEffect(() => {
    void loadStartup();
  }, [loadStartup]);
  return (
    <div ref={root} className={`app theme-${theme}`} data-theme={theme}>
      <Toolbar />
      <div className="workspace">
        <TopologyCanvas />
        <SidePanel />
      </div>
      <StatusBar />
    </div>
  );
}

/** Root component: one React Flow provider, so the toolbar and shortcuts can fit and zoom the canvas. */
export function App() {
  return (
    <ReactFlowProvider>
      <Window />
    </ReactFlowProvider>
  );
}
