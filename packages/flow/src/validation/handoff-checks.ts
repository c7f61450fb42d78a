import type { FlowIssue } from '../issues';
import { parseSkillList } from '../kinds/handoff';
import type { ValidationContext } from './context';
import { describeNode, type NodeView } from './read';
import { stringField } from './stored-variables';

/**
 * A handoff names its team and skills by name (readable in diffs, portable between workspaces);
 * with the workspace's teams and skills in the context, a name the workspace does not have is an
 * error: the conversation would wait in a queue nobody works.
 */
export function handoffIssues(nodes: readonly NodeView[], context: ValidationContext): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const add = (node: NodeView, field: 'team' | 'skills', code: FlowIssue['code'], message: string) =>
    issues.push({ severity: 'error', code, message: `${describeNode(node)}: ${message}`, nodeId: node.id, path: ['nodes', node.index, 'config', field], field });
  for (const node of nodes) {
    if (node.kind !== 'handoff') continue;
    const team = stringField(node.config, 'team')?.trim();
    if (context.teams && team && !context.teams.includes(team)) {
      add(node, 'team', 'handoff.unknown_team', `this workspace has no team "${team}" (teams: ${context.teams.join(', ') || 'none'})`);
    }
    if (!context.skills) continue;
    const unknown = parseSkillList(stringField(node.config, 'skills') ?? '').filter((skill) => !context.skills!.includes(skill));
    if (unknown.length > 0) {
      add(node, 'skills', 'handoff.unknown_skill', `this workspace has no skill ${unknown.map((skill) => `"${skill}"`).join(', ')} (skills: ${context.skills.join(', ') || 'none'})`);
    }
  }
  return issues;
}
