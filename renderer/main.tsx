/**
 * Renderer entry, kept small: it starts the layout worker (1.6 MB of elkjs to load and
 * initialise, the longest step before the first graph) and only then loads the app, so the two
 * load side by side instead of one after the other.
 */
import '@xyflow/react/dist/style.css';
import './styles.css';

import { startLayoutWorker } from './graph/layout/create-layout-runner';

startLayoutWorker();
void import('./start-app');
