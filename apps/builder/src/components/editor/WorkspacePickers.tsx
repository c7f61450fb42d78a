'use client';

import { parseSkillList } from '@parley/flow';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '@/lib/trpc';
import styles from './pickers.module.css';

/** The props FieldControl gives every control: id, name, aria wiring and test id. */
type ControlProps = Record<string, unknown> & { id: string };

/** The workspace's teams and skills, for the handoff's pickers and the editor's checks. */
export function useWorkspaceNames() {
  const trpc = useTRPC();
  const teams = useQuery({ ...trpc.teams.names.queryOptions(), staleTime: 60_000 });
  const skills = useQuery({ ...trpc.skills.names.queryOptions(), staleTime: 60_000 });
  // Stable arrays between renders: the editor's validation context depends on them.
  const teamNames = useMemo(() => teams.data?.map((team) => team.name), [teams.data]);
  const skillNames = useMemo(() => skills.data?.map((skill) => skill.name), [skills.data]);
  return { teams: teamNames, skills: skillNames };
}

/**
 * One of the workspace's teams. The flow stores the name; a name the workspace does not have
 * (a flow imported from elsewhere, a team since deleted) stays selectable and is marked.
 */
export function TeamPicker({ common, value, onChange }: { common: ControlProps; value: string; onChange: (value: string) => void }) {
  const { teams } = useWorkspaceNames();
  const names = teams ?? [];
  const unknown = value && !names.includes(value);
  return (
    <select {...common} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
      {value ? null : <option value="">Choose a team…</option>}
      {unknown ? <option value={value}>{teams ? `${value} (not a team here)` : value}</option> : null}
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}

/**
 * Several of the workspace's skills, as toggles; stored comma separated (the flow's format, so
 * existing flows and diffs stay as they are). Skills the workspace lacks show struck out, to remove.
 */
export function SkillsPicker({ common, value, onChange }: { common: ControlProps; value: string; onChange: (value: string) => void }) {
  const { skills } = useWorkspaceNames();
  const chosen = parseSkillList(value);
  const names = skills ?? [];
  const unknown = skills ? chosen.filter((skill) => !names.includes(skill)) : [];
  const toggle = (skill: string) => onChange((chosen.includes(skill) ? chosen.filter((name) => name !== skill) : [...chosen, skill]).join(', '));
  const { id, ...rest } = common;
  return (
    <div {...rest} id={id} role="group" className={styles.chips}>
      {names.length === 0 && unknown.length === 0 ? <span className={styles.none}>{skills ? 'No skills in this workspace yet (Settings → Skills).' : 'Loading skills…'}</span> : null}
      {names.map((skill) => (
        <button key={skill} type="button" className={styles.chip} aria-pressed={chosen.includes(skill)} onClick={() => toggle(skill)} data-testid={`skill-option-${skill}`}>
          {skill}
        </button>
      ))}
      {unknown.map((skill) => (
        <button key={skill} type="button" className={`${styles.chip} ${styles.unknown}`} aria-pressed onClick={() => toggle(skill)} title="Not a skill of this workspace: click to remove">
          {skill}
        </button>
      ))}
    </div>
  );
}
