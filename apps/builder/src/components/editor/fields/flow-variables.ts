'use client';

import type { VariableType } from '@parley/flow';
import { createContext, useContext } from 'react';

/**
 * The variables the flow being edited stores, with their types (`flowVariables(graph)`), for the
 * variable pickers and expression editors. Provided by the editor, recomputed as the graph changes.
 */
export const FlowVariablesContext = createContext<ReadonlyMap<string, VariableType>>(new Map());

export function useFlowVariables(): ReadonlyMap<string, VariableType> {
  return useContext(FlowVariablesContext);
}
