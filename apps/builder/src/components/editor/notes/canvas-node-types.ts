import { nodeViews } from '../nodes';
import { NoteView } from './NoteView';

/** Every kind of node the canvases draw: the steps' views, and sticky notes. */
export const canvasNodeTypes = { ...nodeViews, note: NoteView };
