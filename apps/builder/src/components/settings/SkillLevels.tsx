'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import type { Person, SkillRow } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import settings from './settings.module.css';
import styles from './teams.module.css';

const LEVELS = [0, 1, 2, 3, 4, 5];

function LevelSelect({ person, skill, level, disabled, onChange }: { person: Person; skill: SkillRow; level: number; disabled: boolean; onChange: (level: number) => void }) {
  const id = useId();
  return (
    <span className={styles.level}>
      <label htmlFor={id}>{skill.name}</label>
      <select
        id={id}
        className="select"
        value={level}
        disabled={disabled}
        aria-label={`${person.name}’s level in ${skill.name}`}
        onChange={(event) => onChange(Number(event.target.value))}
        data-testid={`level-${skill.name}`}
      >
        {LEVELS.map((value) => (
          <option key={value} value={value}>
            {value === 0 ? '–' : value}
          </option>
        ))}
      </select>
    </span>
  );
}

/** One person's levels (1 to 5; – for none) across every skill; read only without `canManage`. */
function PersonLevels({ person, skills, canManage }: { person: Person; skills: readonly SkillRow[]; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const set = useMutation(trpc.skills.setAgentLevels.mutationOptions({ onSettled: () => void queryClient.invalidateQueries(trpc.skills.list.queryFilter()) }));
  const levelOf = (skill: SkillRow) => skill.agents.find((agent) => agent.userId === person.id)?.level ?? 0;
  return (
    <li className={styles.agent} data-testid={`levels-${person.email}`}>
      <span className={styles.agentName}>
        <Avatar name={person.name} id={person.id} size={26} />
        {person.name}
      </span>
      <span className={styles.agentSkills}>
        {skills.map((skill) => (
          <LevelSelect
            key={skill.id}
            person={person}
            skill={skill}
            level={levelOf(skill)}
            disabled={!canManage || set.isPending}
            onChange={(level) => set.mutate({ userId: person.id, levels: [{ skillId: skill.id, level }] })}
          />
        ))}
      </span>
      {set.error ? (
        <p className={settings.error} role="alert">
          {errorMessage(set.error)}
        </p>
      ) : null}
    </li>
  );
}

/** Who holds which skill at which level: the routing engine prefers higher levels for a handoff's skills. */
export function SkillLevels({ people, skills, canManage }: { people: readonly Person[]; skills: readonly SkillRow[]; canManage: boolean }) {
  return (
    <ul className={`${settings.list} ${styles.levels}`} data-testid="skill-levels">
      {people.map((person) => (
        <PersonLevels key={person.id} person={person} skills={skills} canManage={canManage} />
      ))}
    </ul>
  );
}
