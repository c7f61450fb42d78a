'use client';

import type { NoteColor } from '@parley/flow';
import { createContext } from 'react';

export interface NoteEditing {
  onTextChange: (id: string, text: string) => void;
  onColorChange: (id: string, color: NoteColor) => void;
  onDelete: (id: string) => void;
}

/**
 * How a note on the editor's canvas changes the draft. Absent (null) in the version viewer, where
 * notes are read-only.
 */
export const NoteEditingContext = createContext<NoteEditing | null>(null);
