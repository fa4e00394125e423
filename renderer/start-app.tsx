/** Mounts the app on the store bound to the one API client (loaded by `main.tsx`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { api } from './api';
import { App } from './App';
import { createAppLayoutRunner } from './graph/layout/create-layout-runner';
import { AttachClientProvider, type AttachActionsClient } from './panels/AttachPlanPanel';
import { PlanActionsProvider } from './panels/plan-slot';
import { PlanActions } from './panels/plan/PlanActions';
import type { PlanActionsClient } from './panels/plan/plan-client';
import { createAppStore } from './store/app-store';
import { StoreProvider } from './store/store-context';

const prefersLight = window.matchMedia?.('(prefers-color-scheme: light)').matches;
const store = createAppStore(api, { theme: prefersLight ? 'light' : 'dark', layoutRunner: createAppLayoutRunner() });
// Ask for the workspace now, while React renders the first frame, rather than after it.
void store.getState().loadStartup();
const planClient: PlanActionsClient & AttachActionsClient = { ...api, onPlanProgressed: (listener) => api.on('planProgressed', listener) };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <PlanActionsProvider render={(plan) => <PlanActions context={plan} client={planClient} />}>
        <AttachClientProvider client={planClient}>
          <App />
        </AttachClientProvider>
      </PlanActionsProvider>
    </StoreProvider>
  </StrictMode>,
);
